package dev.bitmsg.node.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.AddressCrypto;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.ChildJvm;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.ReadOnlyQuery;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.ObjectType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The getpubkey path across kill -9. A node in a child JVM sends to bob, whose pubkey no reachable
 * node holds, and is killed with SIGKILL during the getpubkey's proof of work (held far harder than
 * asked, so the kill certainly lands in it). Restarted, it asks exactly once: one job row, sent,
 * one getpubkey for bob at the peer. Then bob's node comes online, its pubkey reaches the child
 * through the peer and the waiting message goes out and arrives in bob's inbox.
 */
@NetworkTest
class GetpubkeyKillIT {
  private static final Duration LIMIT = Duration.ofMinutes(3);

  @TempDir Path tmp;

  private NodeConfig config(String name, Optional<HostPort> listen, List<HostPort> connect) {
    return new NodeConfig(
        tmp.resolve(name),
        listen,
        connect,
        false,
        Optional.empty(),
        TestNetwork.settings(),
        Duration.ofMinutes(10));
  }

  private static Node start(NodeConfig config) throws IOException, InterruptedException {
    return NodeAssembly.start(TestNetwork.setup(config).withMessaging(TestNetwork.messaging()));
  }

  @Test
  void killedDuringGetpubkeyPow_restartAsksOnce_thenMessageGoesOut() throws Exception {
    String bob;
    try (Node offline = start(config("bob", Optional.empty(), List.of()))) {
      bob = offline.messenger().text(offline.messenger().createRandom("bob"));
    }
    Path childDir = tmp.resolve("a");
    Path db = childDir.resolve("node.db");
    try (Node b = start(config("b", Optional.of(new HostPort("127.0.0.1", 0)), List.of()))) {
      String peer = TestNetwork.endpoint(b).toString();
      Process first = child(childDir, peer, bob, true, tmp.resolve("a-1.log"));
      try {
        Await.until(
            LIMIT,
            () -> "child doing getpubkey PoW, now " + state(db),
            () -> "DOING_POW".equals(state(db)));
      } finally {
        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
      }
      assertEquals("DOING_POW", state(db), "killed during the proof of work");
      assertEquals(0, getpubkeysFor(b, bob), "nothing asked before the kill");

      Path log2 = tmp.resolve("a-2.log");
      Process second = child(childDir, peer, bob, false, log2);
      try {
        Await.until(
            LIMIT,
            () -> "restarted child: getpubkey sent, now " + state(db),
            () -> "SENT".equals(state(db)));
        Await.until(LIMIT, "the getpubkey reached the peer", () -> getpubkeysFor(b, bob) == 1);
        try (Node bobNode =
            start(config("bob", Optional.empty(), List.of(TestNetwork.endpoint(b))))) {
          Await.until(
              LIMIT, "the message reached bob", () -> !bobNode.messenger().inbox().isEmpty());
          assertEquals(
              "after the kill",
              bobNode.messenger().content(bobNode.messenger().inbox().get(0)).subject());
        }
      } finally {
        second.destroyForcibly();
        second.waitFor(30, TimeUnit.SECONDS);
      }
      assertEquals(1, getpubkeysFor(b, bob), "asked exactly once");
      assertEquals(
          1L,
          ((Number)
                  Objects.requireNonNull(
                      ReadOnlyQuery.firstValue(db, "SELECT count(*) FROM pow_jobs")))
              .longValue(),
          "one job row");
      assertTrue(Files.readString(log2).contains("pubkey work queued again after interrupted pow"));
    }
  }

  private static int getpubkeysFor(Node n, String address) {
    CryptoSuite crypto = BcCryptoSuite.create();
    Bytes tag =
        Bytes.of(
            new AddressCrypto(crypto.hashes(), crypto.keys())
                .tag(new AddressCodec(crypto.hashes()).decode(address))
                .bytes());
    return n.inventory().byTag(ObjectType.GETPUBKEY, tag).size();
  }

  private static Process child(Path dir, String peer, String to, boolean hold, Path logFile)
      throws Exception {
    List<String> cmd =
        new ArrayList<>(
            ChildJvm.command(
                PubkeyChild.class,
                dir.toString(),
                peer,
                Integer.toString(TestNetwork.EASE_BITS),
                "getpubkey",
                to,
                hold ? "hold" : "resume"));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(logFile.toFile())
        .start();
  }

  private static String state(Path db) {
    Object s = ReadOnlyQuery.firstValue(db, "SELECT state FROM pow_jobs WHERE kind = 'GETPUBKEY'");
    return s == null ? "none" : s.toString();
  }
}
