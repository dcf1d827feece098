package dev.bitmsg.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PagerTest {
  private static final List<Integer> ROWS = IntStream.range(0, 2 * Pager.SIZE + 5).boxed().toList();

  @Test
  void pagesSliceTheRowsAndLinkTheirNeighbours() {
    Pager first = new Pager(ROWS.size(), 1);
    assertEquals(ROWS.subList(0, Pager.SIZE), first.slice(ROWS));
    @SuppressWarnings("unchecked")
    Map<String, Object> links =
        (Map<String, Object>) Objects.requireNonNull(first.scope().get("pager"));
    assertEquals(2, links.get("next"));
    assertFalse(links.containsKey("prev"));
    assertEquals(true, first.scope().get("firstPage"));

    Pager last = new Pager(ROWS.size(), 3);
    assertEquals(5, last.slice(ROWS).size());
    assertEquals(false, last.scope().get("firstPage"));
  }

  @Test
  void pagesOutOfRangeShowTheNearestAndOnePageHasNoLinks() {
    assertEquals(5, new Pager(ROWS.size(), 99).slice(ROWS).size());
    assertEquals(Pager.SIZE, new Pager(ROWS.size(), 0).slice(ROWS).size());
    assertTrue(new Pager(0, 1).slice(List.of()).isEmpty());
    assertFalse(new Pager(3, 1).scope().containsKey("pager"));
  }
}
