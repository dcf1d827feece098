package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.IdentityGenerator;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.SeededRandomSource;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.testing.NodeWithApi;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bm blacklist}, {@code whitelist}, {@code blackwhitelist}, {@code mailing-list} and {@code
 * cancel} against an in-process node's API.
 */
class ListClientCommandsTest {
  @TempDir Path dir;

  @Test
  void listsModeMailingListAndCancel() throws Exception {
    try (NodeWithApi n = NodeWithApi.start(dir.resolve("n"))) {
      n.writeCredentials();
      String data = n.config.dataDir().toString();
      Matcher m =
          Pattern.compile("created (BM-\\w+)")
              .matcher(run("addresses", "--new", "alice", "--data", data).out());
      assertTrue(m.find());
      String alice = m.group(1);
      CryptoSuite crypto = BcCryptoSuite.create(new SeededRandomSource(9));
      String ghost =
          new AddressCodec(crypto.hashes())
              .encode(
                  new IdentityGenerator(crypto.hashes(), crypto.keys(), crypto.random())
                      .random(4, 1, false, "")
                      .address());

      CommandRunner.Result added = run("blacklist", ghost, "spam bot", "--data", data);
      assertEquals(0, added.exit(), added.err());
      assertTrue(added.out().contains(ghost + "  spam bot"), added.out());
      assertTrue(run("blacklist", ghost, "--disable", "--data", data).out().contains("[disabled]"));
      assertTrue(
          run("blacklist", ghost, "--remove", "--data", data)
              .out()
              .lines()
              .noneMatch(l -> l.startsWith(ghost + "  ")));
      assertTrue(run("whitelist", ghost, "friend", "--data", data).out().contains("friend"));
      assertEquals("black", run("blackwhitelist", "--data", data).lastLine());
      assertEquals("white", run("blackwhitelist", "white", "--data", data).lastLine());
      assertTrue(
          run("mailing-list", alice, "Liste", "--data", data).out().contains(alice + "  [Liste]"));

      CommandRunner.Result sent =
          run("send", "--from", alice, ghost, "never", "b", "--wait", "none", "--data", data);
      Matcher ack = Pattern.compile("([0-9a-f]{76})").matcher(sent.out());
      assertTrue(ack.find(), sent.out() + sent.err());
      CommandRunner.Result cancelled = run("cancel", ack.group(1), "--data", data);
      assertEquals(0, cancelled.exit(), cancelled.err());
      assertEquals("cancelled", cancelled.lastLine());
      CommandRunner.Result unknown = run("cancel", "00".repeat(38), "--data", data);
      assertEquals(1, unknown.exit());
      assertTrue(unknown.err().contains("no sent message"), unknown.err());
    }
  }

  private static CommandRunner.Result run(String... args) {
    return CommandRunner.run(args);
  }
}
