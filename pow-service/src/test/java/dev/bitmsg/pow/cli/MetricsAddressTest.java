package dev.bitmsg.pow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.service.PowServiceConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** /metrics names clients: it stays on loopback unless an address is given for it. */
class MetricsAddressTest {
  @TempDir Path dir;

  private Optional<PowServiceConfig.Listen> at(String... args) throws Exception {
    String[] all = new String[args.length + 1];
    all[0] = "pow-service";
    System.arraycopy(args, 0, all, 1, args.length);
    CommandLine.ParseResult parsed = PowMain.commandLine(PowRules.NETWORK).parseArgs(all);
    PowServiceCommand c = (PowServiceCommand) parsed.subcommand().commandSpec().userObject();
    Path tokens =
        Files.writeString(
            dir.resolve("tokens"), "0123456789abcdef0123 alice\n", StandardCharsets.UTF_8);
    PowServiceConfig config =
        PowServiceConfig.defaults()
            .withTokens(Optional.of(tokens))
            .withListen("0.0.0.0", 8446)
            .withMetricsPort(
                c.metricsPort == null ? OptionalInt.empty() : OptionalInt.of(c.metricsPort));
    return c.metricsAddress(config);
  }

  @Test
  void gRpcOnAllInterfaces_metricsStillOnLoopback() throws Exception {
    assertEquals(Optional.empty(), at());
    assertEquals(
        Optional.of(new PowServiceConfig.Listen("127.0.0.1", 9465)), at("--metrics-port", "9465"));
    assertEquals(
        Optional.of(new PowServiceConfig.Listen("127.0.0.1", 9465)), at("--metrics", ":9465"));
    assertEquals(
        Optional.of(new PowServiceConfig.Listen("10.1.2.3", 9465)),
        at("--metrics", "10.1.2.3:9465"));
  }
}
