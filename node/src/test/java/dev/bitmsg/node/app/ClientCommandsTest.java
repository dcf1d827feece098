package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.testing.FakeNamecoind;
import dev.bitmsg.node.testing.NodeWithApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands against a running in-process node with its API (eased PoW), and a local
 * namecoind.
 */
class ClientCommandsTest {
  @TempDir Path dir;

  @Test
  void clientCommandsDriveANode() throws Exception {
    try (NodeWithApi n = NodeWithApi.start(dir.resolve("n"))) {
      String url = n.url;
      Path data = n.config.dataDir();
      Path conf = n.writeCredentials();
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)));
      String[] conn = {"--data", data.toString()};

      CommandRunner.Result created = run("addresses", "--new", "alice", conn[0], conn[1]);
      Matcher m = Pattern.compile("created (BM-\\w+)").matcher(created.out());
      assertTrue(m.find(), created.out());
      String alice = m.group(1);

      CommandRunner.Result sent =
          run(
              "send",
              "--from",
              alice,
              alice,
              "note to self",
              "remember the milk",
              conn[0],
              conn[1]);
      assertEquals(0, sent.exit(), sent.out() + sent.err());
      assertTrue(sent.out().contains("msgsentnoackexpected"), sent.out());
      Matcher ack = Pattern.compile("ackData ([0-9a-f]{76})").matcher(sent.out());
      assertTrue(ack.find(), sent.out());
      assertEquals(
          "msgsentnoackexpected", run("status", ack.group(1), conn[0], conn[1]).lastLine());
      assertTrue(run("sent", conn[0], conn[1]).out().contains("note to self"));

      String inbox = awaitInbox(conn, "note to self");
      String id = inbox.strip().split("\\s+", -1)[0];
      CommandRunner.Result read = run("read", id.substring(0, 8), conn[0], conn[1]);
      assertTrue(
          read.out().contains("remember the milk") && read.out().contains("From:     " + alice),
          read.out());

      String chan = run("chan", "create", "cli chan", conn[0], conn[1]).lastLine();
      assertTrue(chan.startsWith("BM-"), chan);
      assertTrue(run("addresses", conn[0], conn[1]).out().contains(chan + "  [chan]"));
      assertEquals("success", run("chan", "leave", chan, conn[0], conn[1]).lastLine());
      assertTrue(run("subscribe", alice, "me", conn[0], conn[1]).out().contains(alice + "  me"));

      try (FakeNamecoind nmc =
          new FakeNamecoind("u", "p", Map.of("id/alice", "{\"bitmessage\":\"" + alice + "\"}"))) {
        String[] ns = {
          "--namecoin-url", nmc.uri().toString(), "--namecoin-user", "u", "--namecoin-password", "p"
        };
        assertEquals(
            "alice <" + alice + ">",
            run("resolve", "alice", ns[0], ns[1], ns[2], ns[3], ns[4], ns[5]).lastLine());
        CommandRunner.Result byName =
            run(
                "send",
                "--from",
                alice,
                "id/alice",
                "by name",
                "via namecoin",
                "--wait",
                "none",
                ns[0],
                ns[1],
                ns[2],
                ns[3],
                ns[4],
                ns[5],
                conn[0],
                conn[1]);
        assertTrue(
            byName.out().contains("resolved id/alice to alice <" + alice + ">"), byName.out());
        CommandRunner.Result unknown =
            run("resolve", "nobody", ns[0], ns[1], ns[2], ns[3], ns[4], ns[5]);
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("id/nobody not found"), unknown.err());
      }

      CommandRunner.Result notOwn = run("send", "--from", chan, alice, "s", "b", conn[0], conn[1]);
      assertEquals(1, notOwn.exit());
      assertTrue(notOwn.err().contains("API Error 0013"), notOwn.err());
      CommandRunner.Result badPw =
          run("inbox", "--api", url, "--api-user", "cli", "--api-password", "nope");
      assertEquals(1, badPw.exit());
      assertTrue(badPw.err().contains("refused the user name or password"), badPw.err());
    }
  }

  private static CommandRunner.Result run(String... args) {
    return CommandRunner.run(args);
  }

  private static String awaitInbox(String[] conn, String subject) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      CommandRunner.Result r = run("inbox", conn[0], conn[1]);
      for (String line : r.out().split("\n", -1)) {
        if (line.contains(subject)) {
          return line;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no '" + subject + "' in the inbox");
  }
}
