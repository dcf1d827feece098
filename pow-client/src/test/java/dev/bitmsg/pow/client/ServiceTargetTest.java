package dev.bitmsg.pow.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Target syntax, loopback detection and the transport the options choose. */
class ServiceTargetTest {
  @TempDir Path dir;

  @Test
  void parse_namesIpv4Ipv6() {
    assertEquals(new ServiceTarget("powbox", 8446), ServiceTarget.parse("powbox:8446"));
    assertEquals(new ServiceTarget("::1", 9), ServiceTarget.parse("[::1]:9"));
    assertEquals("[::1]:9", ServiceTarget.parse("[::1]:9").toString());
    assertThrows(IllegalArgumentException.class, () -> ServiceTarget.parse("powbox"));
    assertThrows(IllegalArgumentException.class, () -> ServiceTarget.parse("powbox:0"));
    assertThrows(IllegalArgumentException.class, () -> ServiceTarget.parse("::1:9"));
  }

  @Test
  void loopback_byLiteralOrLocalhost_neverByLookup() {
    assertTrue(ServiceTarget.parse("127.0.0.3:1").isLoopback());
    assertTrue(ServiceTarget.parse("[::1]:1").isLoopback());
    assertTrue(ServiceTarget.parse("localhost:1").isLoopback());
    assertFalse(ServiceTarget.parse("10.0.0.1:1").isLoopback());
    assertFalse(ServiceTarget.parse("powbox.example:1").isLoopback());
  }

  @Test
  void transport_plaintextOnLoopbackOnly_tlsWhenAskedOrOffLoopback() throws Exception {
    List<ServiceTarget> local = List.of(ServiceTarget.parse("127.0.0.1:1"));
    List<ServiceTarget> remote =
        List.of(ServiceTarget.parse("127.0.0.1:1"), ServiceTarget.parse("powbox:1"));
    Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
    assertInstanceOf(Transport.Plaintext.class, choose(local, Optional.empty(), false, false));
    assertInstanceOf(Transport.Tls.class, choose(remote, Optional.empty(), false, false));
    assertInstanceOf(Transport.Tls.class, choose(local, Optional.of(ca), false, false));
    assertInstanceOf(Transport.Tls.class, choose(local, Optional.empty(), true, false));
    assertInstanceOf(Transport.Plaintext.class, choose(remote, Optional.empty(), false, true));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> choose(local, Optional.of(ca), false, true));
    assertTrue(String.valueOf(e.getMessage()).startsWith("pow-plaintext:"), e.getMessage());
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> choose(local, Optional.of(dir.resolve("none.pem")), false, false));
    assertTrue(
        String.valueOf(missing.getMessage()).startsWith("pow-ca: cannot read"),
        missing.getMessage());
  }

  private static Transport choose(
      List<ServiceTarget> t, Optional<Path> ca, boolean tls, boolean plaintext) {
    return Transport.choose(t, ca, Optional.empty(), tls, plaintext);
  }
}
