package dev.bitmsg.node.web;

import java.util.List;
import java.util.Map;

/**
 * One page of a folder ({@link #SIZE} rows, newest first): which rows, and the links to the pages
 * before and after. Pages count from 1; a page past the end shows the last one. Immutable.
 */
final class Pager {
  static final int SIZE = 100;

  private final int pages;
  private final int page;

  Pager(int rows, int requested) {
    this.pages = Math.max(1, (rows + SIZE - 1) / SIZE);
    this.page = Math.min(Math.max(1, requested), pages);
  }

  <T> List<T> slice(List<T> all) {
    int from = (page - 1) * SIZE;
    return all.subList(Math.min(from, all.size()), Math.min(from + SIZE, all.size()));
  }

  /**
   * {@code page}, {@code pages}, {@code firstPage}, and {@code pager} when there is more than one.
   */
  Map<String, Object> scope() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("page", page);
    m.put("pages", pages);
    m.put("firstPage", page == 1);
    if (pages > 1) {
      Map<String, Object> links = new java.util.LinkedHashMap<>();
      links.put("page", page);
      links.put("pages", pages);
      if (page > 1) {
        links.put("prev", page - 1);
      }
      if (page < pages) {
        links.put("next", page + 1);
      }
      m.put("pager", links);
    }
    return m;
  }
}
