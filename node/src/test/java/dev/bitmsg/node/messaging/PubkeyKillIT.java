package dev.bitmsg.node.messaging;

import static dev.bitmsg.node.testing.ReadOnlyQuery.firstValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.AddressCrypto;
import dev.bitmsg.node.address.BitmessageAddress;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.ChildJvm;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.ObjectType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node in a child JVM is killed with SIGKILL while doing the proof of work of its new address's
 * pubkey (eased by one bit only, so the work lasts seconds). Restarted, it must take the job up
 * again and publish the pubkey exactly once: one job row, sent, one pubkey object on the network.
 */
@NetworkTest
class PubkeyKillIT {
  private static final Logger log = LoggerFactory.getLogger(PubkeyKillIT.class);
  private static final Duration LIMIT = Duration.ofMinutes(3);

  /** About 6.6e6 expected trials for a 28-day v4 pubkey: seconds, not milliseconds. */
  private static final int CHILD_EASE_BITS = 3;

  /**
   * Attempts to catch the child in its proof of work (a lucky nonce may end it within one poll).
   */
  private static final int ATTEMPTS = 3;

  @TempDir Path tmp;

  @Test
  void killedDuringPubkeyPowThenRestartedPublishesOnce() throws Exception {
    NodeConfig config =
        new NodeConfig(
            tmp.resolve("b"),
            Optional.of(new HostPort("127.0.0.1", 0)),
            List.of(),
            false,
            Optional.empty(),
            TestNetwork.settings(),
            Duration.ofMinutes(10));
    try (Node b =
        NodeAssembly.start(TestNetwork.setup(config).withMessaging(TestNetwork.messaging()))) {
      String peer = TestNetwork.endpoint(b).toString();
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        if (run(b, peer, tmp.resolve("a" + attempt), attempt == ATTEMPTS)) {
          return;
        }
        log.info("attempt {}: the pubkey was done before the kill; again with a new node", attempt);
      }
    }
  }

  /** One kill and restart; false when the work ended before it could be killed. */
  private boolean run(Node b, String peer, Path childDir, boolean last) throws Exception {
    Path db = childDir.resolve("node.db");
    long t0 = System.nanoTime();
    Process first =
        start(childDir, peer, childDir.resolveSibling(childDir.getFileName() + "-1.log"));
    try {
      Await.until(
          LIMIT,
          () -> "child doing pubkey PoW, now " + state(db),
          () -> "DOING_POW".equals(state(db)) || "SENT".equals(state(db)));
    } finally {
      first.destroyForcibly();
      assertTrue(first.waitFor(30, TimeUnit.SECONDS));
    }
    if ("SENT".equals(state(db)) && !last) {
      return false;
    }
    assertEquals("DOING_POW", state(db), "killed during the proof of work");
    String address = (String) firstValue(db, "SELECT address FROM identities");
    assertNotNull(address);
    assertEquals(0, pubkeysOf(b, address), "nothing published before the kill");

    Path log2 = childDir.resolveSibling(childDir.getFileName() + "-2.log");
    log.info("first child killed after {} ms", (System.nanoTime() - t0) / 1_000_000);
    long t1 = System.nanoTime();
    Process second = start(childDir, peer, log2);
    try {
      Await.until(
          LIMIT,
          () -> "restarted child: pubkey sent, now " + state(db),
          () -> "SENT".equals(state(db)));
      Await.until(LIMIT, "the pubkey reached the peer", () -> pubkeysOf(b, address) == 1);
    } finally {
      second.destroyForcibly();
      second.waitFor(30, TimeUnit.SECONDS);
    }
    log.info("restart to pubkey on the peer: {} ms", (System.nanoTime() - t1) / 1_000_000);
    assertEquals(1, pubkeysOf(b, address), "published exactly once");
    assertEquals(
        1L,
        ((Number) Objects.requireNonNull(firstValue(db, "SELECT count(*) FROM pow_jobs")))
            .longValue(),
        "one job row");
    assertNotNull(
        firstValue(db, "SELECT pubkey_sent FROM identities"), "last pubkey send time recorded");
    assertTrue(Files.readString(log2).contains("pubkey work queued again after interrupted pow"));
    return true;
  }

  private static int pubkeysOf(Node n, String address) {
    CryptoSuite crypto = BcCryptoSuite.create();
    BitmessageAddress a = new AddressCodec(crypto.hashes()).decode(address);
    Bytes tag = Bytes.of(new AddressCrypto(crypto.hashes(), crypto.keys()).tag(a).bytes());
    return n.inventory().byTag(ObjectType.PUBKEY, tag).size();
  }

  private static Process start(Path dir, String peer, Path logFile) throws Exception {
    List<String> cmd =
        ChildJvm.command(
            PubkeyChild.class, dir.toString(), peer, Integer.toString(CHILD_EASE_BITS));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(logFile.toFile())
        .start();
  }

  private static String state(Path db) {
    Object s = firstValue(db, "SELECT state FROM pow_jobs WHERE kind = 'PUBKEY'");
    return s == null ? "none" : s.toString();
  }
}
