package dev.bitmsg.node.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.store.KnownNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** knownnodes.dat as v0.6 writes it, entries it skips, and files it refuses. */
class KnownNodesDatTest {
  @Test
  void keepsIpPeersOfStreamOneAndSaysWhyOthersAreSkipped() {
    KnownNodesDat.Parsed p =
        KnownNodesDat.parse(
            """
            [
                {"stream": 1, "peer": {"host": "5.45.99.75", "port": 8444},
                 "info": {"lastseen": 1700000000, "rating": 0.25, "self": false}},
                {"stream": 1, "peer": {"host": "2001:db8::1", "port": 8445},
                 "info": {"lastseen": 1700000001, "rating": 3.5}},
                {"stream": 1, "peer": {"host": "abcdefghij234567.onion", "port": 8444},
                 "info": {"lastseen": 1, "rating": 0, "self": true}},
                {"stream": 2, "peer": {"host": "1.2.3.4", "port": 8444}, "info": {}},
                {"stream": 1, "peer": {"host": "bootstrap8444.bitmessage.org", "port": 8444}},
                {"stream": 1, "peer": {"host": "1.2.3.5", "port": 70000}},
                {"stream": "one", "peer": {}}
            ]
            """);
    List<KnownNode> nodes = p.nodes();
    assertEquals(2, nodes.size(), nodes.toString());
    assertEquals("5.45.99.75", nodes.get(0).host());
    assertEquals(0.25, nodes.get(0).rating());
    assertEquals(1700000000, nodes.get(0).lastSeen());
    assertEquals(1.0, nodes.get(1).rating(), "ratings are clamped to -1..1");
    List<String> s = p.skipped();
    assertEquals(5, s.size(), s.toString());
    assertTrue(s.get(0).contains("own address"), s.get(0));
    assertTrue(s.get(1).contains("stream 2"), s.get(1));
    assertTrue(s.get(2).contains("not an IP address"), s.get(2));
    assertTrue(s.get(3).contains("port out of range"), s.get(3));
    assertTrue(s.get(4).startsWith("entry 7: malformed"), s.get(4));
  }

  @Test
  void refusesPickleAndOtherShapes() {
    IllegalArgumentException pickle =
        assertThrows(
            IllegalArgumentException.class,
            () -> KnownNodesDat.parse("\u0080\u0002}q\u0000(K\u0001}q\u0001"));
    assertTrue(String.valueOf(pickle.getMessage()).contains("pickle"), pickle.getMessage());
    assertThrows(IllegalArgumentException.class, () -> KnownNodesDat.parse("{\"a\": 1}"));
  }
}
