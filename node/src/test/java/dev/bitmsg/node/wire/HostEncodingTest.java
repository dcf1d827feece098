package dev.bitmsg.node.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.vectors.VectorFile;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class HostEncodingTest {
  private final VectorFile.Block b = VectorFile.block("framing.txt", "host encodings");

  @Test
  void ipv4_isMapped() throws Exception {
    assertEquals(
        b.get("ipv4_127_0_0_1"),
        HostEncoding.encode(InetAddress.getByAddress(new byte[] {127, 0, 0, 1})).toHex());
    Bytes ip = HostEncoding.ipv4(new byte[] {(byte) 191, (byte) 168, 1, 1});
    assertEquals(b.get("ipv4_191_168_1_1"), ip.toHex());
    assertEquals("191.168.1.1", HostEncoding.decode(ip));
    assertTrue(HostEncoding.isIpv4(ip));
  }

  @Test
  void ipv6_isVerbatim() throws Exception {
    String hex = b.get("ipv6_0102_0304_0506_0708_090a_0b0c_0d0e_0f10");
    InetAddress a = InetAddress.getByName("102:304:506:708:90a:b0c:d0e:f10");
    assertEquals(hex, HostEncoding.encode(a).toHex());
    assertEquals(a, InetAddress.getByName(HostEncoding.decode(Bytes.fromHex(hex))));
  }

  @Test
  void onion_encodesAndDecodes() {
    Bytes ip = HostEncoding.onion("quzwelsuziwqgpt2.onion");
    assertEquals(b.get("onion_quzwelsuziwqgpt2"), ip.toHex());
    assertEquals("quzwelsuziwqgpt2.onion", HostEncoding.decode(ip));
    assertTrue(HostEncoding.isOnion(ip));
    assertThrows(IllegalArgumentException.class, () -> HostEncoding.onion("short.onion"));
    assertThrows(IllegalArgumentException.class, () -> HostEncoding.onion("quzwelsuziwqgpt1"));
  }
}
