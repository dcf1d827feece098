package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.NodeWithApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bm pubkey-work} lists the publication of a new address's pubkey with its state. */
class PubkeyWorkCommandTest {
  @TempDir Path dir;

  @Test
  void newAddressPubkeyShowsUpAsSent() throws Exception {
    try (NodeWithApi n = NodeWithApi.start(dir.resolve("n"))) {
      n.writeCredentials();
      String data = n.config.dataDir().toString();
      CommandRunner.Result created =
          CommandRunner.run("addresses", "--new", "alice", "--data", data);
      Matcher m = Pattern.compile("created (BM-\\w+)").matcher(created.out());
      assertTrue(m.find(), created.out());
      String alice = m.group(1);
      Await.until(
          Duration.ofSeconds(60),
          "pubkey of alice sent",
          () ->
              CommandRunner.run("pubkey-work", "--data", data)
                  .out()
                  .lines()
                  .anyMatch(
                      l ->
                          l.startsWith("pubkey    sent")
                              && l.contains(alice)
                              && l.contains("(new address)")));
      CommandRunner.Result chan = CommandRunner.run("chan", "create", "no pubkey", "--data", data);
      assertEquals(0, chan.exit(), chan.err());
      CommandRunner.Result listed = CommandRunner.run("pubkey-work", "--data", data);
      assertEquals(0, listed.exit(), listed.err());
      assertEquals(1, listed.out().lines().count(), "a chan adds no work: " + listed.out());
    }
  }
}
