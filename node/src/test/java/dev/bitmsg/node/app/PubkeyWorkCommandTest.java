package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.api.ApiCredentials;
import dev.bitmsg.node.api.ApiService;
import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.messaging.MessagingSettings;
import dev.bitmsg.node.net.Await;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.TestNetwork;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bm pubkey-work} lists the publication of a new address's pubkey with its state. */
class PubkeyWorkCommandTest {
  @TempDir Path dir;

  @Test
  void newAddressPubkeyShowsUpAsSent() throws Exception {
    NodeConfig config = new NodeConfig(dir.resolve("n"), Optional.of(new HostPort("127.0.0.1", 0)), List.of(),
        false, Optional.empty(), Optional.empty(), TestNetwork.settings(), Duration.ofMinutes(10));
    try (Node node = Node.start(config, TestNetwork.params(), TestNetwork.pow(), Clock.systemUTC(),
            MessagingSettings.defaults().withEaseBits(TestNetwork.EASE_BITS).withCheckInterval(Duration.ofMillis(200)),
            Optional.empty());
        ApiService api = ApiService.start(node, new ApiSettings("127.0.0.1", 0, "cli", "pw", ApiSettings.Variant.XML,
            false), TestNetwork.EASE_BITS, "0.1.0")) {
      String url = "http://127.0.0.1:" + api.address().getPort() + "/";
      ApiCredentials.write(config.dataDir(), new ApiCredentials.Connection(url, "cli", Optional.of("pw"),
          ApiSettings.Variant.XML));
      String data = config.dataDir().toString();
      CommandRunner.Result created = CommandRunner.run("addresses", "--new", "alice", "--data", data);
      Matcher m = Pattern.compile("created (BM-\\w+)").matcher(created.out());
      assertTrue(m.find(), created.out());
      String alice = m.group(1);
      Await.until(Duration.ofSeconds(60), "pubkey of alice sent", () -> CommandRunner.run("pubkey-work", "--data", data)
          .out().lines().anyMatch(l -> l.startsWith("pubkey    sent") && l.contains(alice)
              && l.contains("(new address)")));
      CommandRunner.Result chan = CommandRunner.run("chan", "create", "no pubkey", "--data", data);
      assertEquals(0, chan.exit(), chan.err());
      CommandRunner.Result listed = CommandRunner.run("pubkey-work", "--data", data);
      assertEquals(0, listed.exit(), listed.err());
      assertEquals(1, listed.out().lines().count(), "a chan adds no work: " + listed.out());
    }
  }
}
