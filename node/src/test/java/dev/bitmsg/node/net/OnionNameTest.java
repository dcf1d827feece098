package dev.bitmsg.node.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.wire.HostEncoding;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ObjectType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Onion names on the wire as PyBitmessage writes them, and its onionpeer objects. */
class OnionNameTest {
  private static final String V3 = "pg6mmjiyjmcrsslvykfwnntlaru7p5svn6y2ymmju6nubxndf4pscryd.onion";
  private static final String V2 = "expyuzz4wqqyqhjn.onion";

  @Test
  void v2_fitsANetAddr_sameAsHostEncoding() {
    OnionName n = OnionName.parse(V2.toUpperCase(java.util.Locale.ROOT));
    assertEquals(V2, n.name());
    assertEquals(HostEncoding.onion(V2), n.wireHost16());
    assertEquals(Optional.of(n), OnionName.fromWire(n.wireHost()));
  }

  @Test
  void v3_isCutTo16BytesInAVersion_wholeInAnOnionpeer() {
    OnionName n = OnionName.parse(V3);
    assertTrue(n.isV3());
    assertEquals(41, n.wireHost().length);
    assertArrayEquals(java.util.Arrays.copyOf(n.wireHost(), 16), n.wireHost16().toByteArray());
    assertEquals(Optional.of(n), OnionName.fromWire(n.wireHost()));
  }

  @Test
  void badNames_refusedWithTheReason() {
    assertThrows(IllegalArgumentException.class, () -> OnionName.parse("short.onion"));
    assertThrows(IllegalArgumentException.class, () -> OnionName.parse("expyuzz4wqqyqhj1.onion"));
  }

  @Test
  void onionpeerObject_roundTrip() {
    ObjectMessage o = OnionPeers.make(OnionName.parse(V3), 8444, 2_000_000_000L);
    assertEquals(ObjectType.ONIONPEER, o.objectType());
    assertEquals(3, o.version());
    assertEquals(Optional.of(new HostPort(V3, 8444)), OnionPeers.decode(o));
    ObjectMessage v2 = OnionPeers.make(OnionName.parse(V2), 8448, 2_000_000_000L);
    assertEquals(2, v2.version());
    assertEquals(Optional.of(new HostPort(V2, 8448)), OnionPeers.decode(v2));
  }
}
