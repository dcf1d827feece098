package dev.bitmsg.pow.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class PowServiceConfigTest {
  @TempDir Path dir;

  @Test
  void defaults_loopbackWithoutTokens() {
    PowServiceConfig c = PowServiceConfig.defaults();
    assertEquals(new PowServiceConfig.Listen("127.0.0.1", 8446), c.listen());
    assertEquals(List.of("opencl", "cpu"), c.engines());
  }

  @Test
  void nonLoopbackWithoutTokens_refusedWithClearError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PowServiceConfig.defaults().withListen("0.0.0.0", 8446));
    assertTrue(String.valueOf(e.getMessage()).startsWith("listen:"), e.getMessage());
    assertTrue(String.valueOf(e.getMessage()).contains("--tokens"), e.getMessage());
  }

  @Test
  void nonLoopbackWithTokens_allowed() throws Exception {
    Path tokens = Files.writeString(dir.resolve("t"), "aaaaaaaaaaaaaaaaaaaa alice\n");
    PowServiceConfig c =
        PowServiceConfig.defaults().withTokens(Optional.of(tokens)).withListen("0.0.0.0", 1);
    assertEquals("0.0.0.0", c.listen().host());
  }

  @Test
  void invalidValues_failFastNamingTheKey() {
    PowServiceConfig d = PowServiceConfig.defaults();
    assertKey("listen", () -> d.withListen("127.0.0.1", 70000));
    assertKey("tls-cert", () -> PowServiceConfig.Tls.of(Optional.of(dir), Optional.empty()));
    assertKey("tls-key", () -> new PowServiceConfig.Tls(dir, dir.resolve("missing")));
    assertKey("tokens", () -> d.withTokens(Optional.of(dir.resolve("missing"))));
    assertKey("max-job-time", () -> d.withMaxJobTime(Duration.ZERO));
    assertKey("detached-grace", () -> d.withDetachedGrace(Duration.ofSeconds(-1)));
    assertKey("engines", () -> d.withEngines(List.of(), 0));
    assertKey("cpu-threads", () -> d.withEngines(List.of("cpu"), -1));
    assertKey(
        "max-expected-trials",
        () -> new PowServiceConfig.Limits(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1)));
    assertKey(
        "metrics-port",
        () ->
            new PowServiceConfig(
                new PowServiceConfig.Listen("127.0.0.1", 1),
                List.of("cpu"),
                0,
                Optional.empty(),
                OptionalInt.of(-2),
                Optional.empty(),
                PowServiceConfig.Limits.defaults()));
  }

  @Test
  void parseListen_forms() {
    assertEquals(
        new PowServiceConfig.Listen("127.0.0.1", 8446),
        PowServiceConfig.parseListen("127.0.0.1:8446"));
    assertEquals(new PowServiceConfig.Listen("::1", 9), PowServiceConfig.parseListen("[::1]:9"));
    assertEquals(new PowServiceConfig.Listen("127.0.0.1", 5), PowServiceConfig.parseListen(":5"));
    assertKey("listen", () -> PowServiceConfig.parseListen("localhost"));
    assertKey("listen", () -> PowServiceConfig.parseListen("localhost:x"));
  }

  private static void assertKey(String key, Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertTrue(String.valueOf(ex.getMessage()).startsWith(key), ex.getMessage());
  }
}
