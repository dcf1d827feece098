package dev.bitmsg.pow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.service.auth.TokensFile;
import dev.bitmsg.pow.service.testing.CliRun;
import dev.bitmsg.pow.service.testing.Hashes;
import dev.bitmsg.pow.service.testing.RecordingScanner;
import dev.bitmsg.pow.service.testing.TestServer;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code bm pow solve --server} against a real loopback service, and pow-service's refusals. */
class ServiceCommandsTest {
  private static final String TOKEN = "cli-token-0123456789abcdef";

  @Test
  void powSolve_server_solvesThroughTheService_jsonOutput() throws Exception {
    try (TestServer t =
        TestServer.loopback(
            TestServer.config(),
            Optional.of(TokensFile.parse(List.of(TOKEN + " cli"), "tokens")),
            new RecordingScanner(0))) {
      t.awaitReady();
      InitialHash h = Hashes.of("cli");
      String server = "127.0.0.1:" + t.server.port();
      CliRun r =
          CliRun.of(
              "pow",
              "solve",
              "--initial-hash",
              h.toHex(),
              "--target",
              Long.toUnsignedString(Hashes.EASY),
              "--server",
              server,
              "--token",
              TOKEN,
              "--json");
      assertEquals(0, r.exitCode(), r.err());
      Matcher m = Pattern.compile("\"nonce\": (\\d+)").matcher(r.out());
      assertTrue(m.find(), r.out());
      assertTrue(TrialValue.isSolution(Long.parseUnsignedLong(m.group(1)), h, Hashes.EASY));
      assertTrue(r.out().contains("\"server\": \"" + server + "\""), r.out());

      CliRun denied =
          CliRun.of(
              "pow",
              "solve",
              "--initial-hash",
              h.toHex(),
              "--target",
              "1000000",
              "--server",
              server);
      assertEquals(2, denied.exitCode());
      assertTrue(denied.err().contains("UNAUTHENTICATED"), denied.err());
    }
  }

  @Test
  void powService_nonLoopbackWithoutTokens_refusesToStart() {
    CliRun r = CliRun.of("pow-service", "--listen", "0.0.0.0:0", "--engines", "cpu");
    assertEquals(2, r.exitCode());
  }
}
