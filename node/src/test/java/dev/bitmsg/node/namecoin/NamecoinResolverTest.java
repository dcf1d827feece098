package dev.bitmsg.node.namecoin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.testing.FakeNamecoind;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NamecoinResolverTest {
  // From docs/vectors/address.txt: a valid v4 address.
  static final String ADDR = "BM-2cWzSnwjJ7yRP3nLEWUV5LisTZyREWSzUK";
  private final AddressCodec codec = new AddressCodec(BcCryptoSuite.create().hashes());
  private FakeNamecoind namecoind;
  private NamecoinResolver resolver;

  @BeforeEach
  void start() throws Exception {
    namecoind =
        new FakeNamecoind(
            "rpc",
            "pw",
            Map.of(
                "id/alice",
                "{\"bitmessage\":\"" + ADDR + "\",\"name\":\"Alice A.\"}",
                "id/bob",
                ADDR.substring(3),
                "id/carol",
                "{\"email\":\"carol@example.org\"}",
                "id/dave",
                "{\"bitmessage\":\"BM-notanaddress\"}",
                "d/site",
                "{\"bitmessage\":\"" + ADDR + "\"}"));
    resolver = new NamecoinResolver(namecoind.uri(), Optional.of("rpc"), Optional.of("pw"), codec);
  }

  @AfterEach
  void stop() {
    namecoind.close();
  }

  @Test
  void resolvesJsonAndPlainValues() {
    NamecoinResolver.Resolved a = resolver.resolve("alice");
    assertEquals("id/alice", a.name());
    assertEquals(ADDR, a.address());
    assertEquals("Alice A. <" + ADDR + ">", a.toString());
    NamecoinResolver.Resolved b = resolver.resolve("id/bob");
    assertEquals(ADDR, b.address());
    assertEquals("bob", b.displayName());
    assertEquals("site", resolver.resolve("d/site").displayName());
    assertTrue(NamecoinResolver.isName("id/alice"));
    assertFalse(NamecoinResolver.isName(ADDR));
  }

  @Test
  void clearErrors() throws Exception {
    NamecoinException unknown =
        assertThrows(NamecoinException.class, () -> resolver.resolve("nobody"));
    assertEquals(NamecoinException.Reason.NOT_FOUND, unknown.reason());
    assertTrue(String.valueOf(unknown.getMessage()).contains("id/nobody"), unknown.getMessage());
    assertEquals(
        NamecoinException.Reason.INVALID_VALUE,
        assertThrows(NamecoinException.class, () -> resolver.resolve("carol")).reason());
    assertEquals(
        NamecoinException.Reason.INVALID_VALUE,
        assertThrows(NamecoinException.class, () -> resolver.resolve("dave")).reason());
    NamecoinResolver badAuth =
        new NamecoinResolver(namecoind.uri(), Optional.of("rpc"), Optional.of("wrong"), codec);
    assertEquals(
        NamecoinException.Reason.UNREACHABLE,
        assertThrows(NamecoinException.class, () -> badAuth.resolve("alice")).reason());
    int free;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      free = s.getLocalPort();
    }
    NamecoinResolver down =
        new NamecoinResolver(
            URI.create("http://127.0.0.1:" + free + "/"),
            Optional.empty(),
            Optional.empty(),
            codec);
    NamecoinException e = assertThrows(NamecoinException.class, () -> down.resolve("alice"));
    assertEquals(NamecoinException.Reason.UNREACHABLE, e.reason());
    assertTrue(String.valueOf(e.getMessage()).contains("cannot reach namecoind"), e.getMessage());
  }
}
