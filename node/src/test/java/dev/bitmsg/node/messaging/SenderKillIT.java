package dev.bitmsg.node.messaging;

import static dev.bitmsg.node.testing.ReadOnlyQuery.firstValue;
import static dev.bitmsg.node.testing.ReadOnlyQuery.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.address.IdentityGenerator;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.SeededRandomSource;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.ChildJvm;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.PowServiceProcess;
import dev.bitmsg.node.testing.TestNetwork;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender runs in a child JVM, its proof of work done by the real PoW service (another process),
 * and is killed with SIGKILL while the service holds the PoW of its msg: the recipient publishes
 * its pubkey only once a {@linkplain PowServiceProcess#submitBlocker blocking search} of the same
 * service client is running, so the child's ack and msg searches wait on the service until the
 * kill. Restarted, the child must resume with the same row and ack data and deliver the message
 * exactly once, acknowledged, the work again done by the service.
 */
@NetworkTest
class SenderKillIT {
  private static final Duration LIMIT = Duration.ofMinutes(2);
  private static final String PASSPHRASE = "sender kill test";

  @TempDir Path tmp;
  private final PowServiceProcess service = PowServiceProcess.shared();

  @Test
  void killedDuringPowThenRestartedDeliversOnce() throws Exception {
    NodeConfig config =
        new NodeConfig(
            tmp.resolve("b"),
            Optional.of(new HostPort("127.0.0.1", 0)),
            List.of(),
            false,
            Optional.empty(),
            TestNetwork.settings(),
            Duration.ofMinutes(10));
    long done = service.jobsDone();
    try (Node b =
        NodeAssembly.start(TestNetwork.setup(config).withMessaging(TestNetwork.messaging()))) {
      // B's address is known before B has the identity, so B answers nothing until told.
      CryptoSuite crypto = BcCryptoSuite.create(new SeededRandomSource(7));
      Identity recipient =
          new IdentityGenerator(crypto.hashes(), crypto.keys(), crypto.random())
              .deterministic(PASSPHRASE.getBytes(StandardCharsets.UTF_8), 1, 4, 1, false)
              .get(0)
              .identity();
      String to = b.messenger().text(recipient);
      Path childDir = tmp.resolve("a");
      Path db = childDir.resolve("node.db");
      String peer = TestNetwork.endpoint(b).toString();

      Process first = start(childDir, peer, to, tmp.resolve("a1.log"));
      String blocker = null;
      try {
        Await.until(
            LIMIT,
            () -> "child's pubkey and getpubkey at B, now " + status(db),
            () -> "AWAITING_PUBKEY".equals(status(db)) && b.inventory().count() == 2);
        blocker = service.submitBlocker();
        Await.until(LIMIT, "the blocking search running", () -> service.jobsOpen() >= 1);
        b.messenger().createDeterministic(PASSPHRASE, 1, 4);
        Await.until(
            LIMIT,
            () -> "child's msg PoW held by the service, now " + status(db),
            () -> "DOING_POW".equals(status(db)) && service.jobsOpen() >= 2);
      } finally {
        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        if (blocker != null) {
          service.cancel(blocker);
        }
      }
      assertEquals("DOING_POW", status(db), "killed during the proof of work");
      assertEquals(0, b.messenger().inbox().size());
      byte[] ackBefore = ackData(db);

      long t0 = System.nanoTime();
      Process second = start(childDir, peer, to, tmp.resolve("a2.log"));
      try {
        Await.until(
            LIMIT,
            () -> "restarted child: ack received, now " + status(db),
            () -> "ACK_RECEIVED".equals(status(db)));
        System.out.printf(
            Locale.ROOT,
            "e2e SenderKillIT: sender killed during PoW, restart (child JVM start included) to ack"
                + " received in %d ms (PoW by the service)%n",
            (System.nanoTime() - t0) / 1_000_000);
      } finally {
        second.destroyForcibly();
        second.waitFor(30, TimeUnit.SECONDS);
      }
      assertEquals(1, b.messenger().inbox().size(), "delivered exactly once");
      assertEquals("exactly once", b.messenger().content(b.messenger().inbox().get(0)).body());
      assertEquals(1L, ((Number) value(db, "SELECT count(*) FROM outbox")).longValue());
      assertArrayEquals(ackBefore, ackData(db), "same ack data");
      assertTrue(
          Files.readString(tmp.resolve("a2.log"))
              .contains("messages queued again after interrupted pow"));
      String by = (String) value(db, "SELECT pow_by FROM outbox");
      assertTrue(by.startsWith(service.remoteName() + " (cpu"), "PoW by the service: " + by);
      assertTrue(
          service.jobsDone() - done >= 4,
          "the service did the sender's pubkey, getpubkey, ack and msg");
    }
  }

  private Process start(Path dir, String peer, String to, Path logFile) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            ChildJvm.command(
                SenderChild.class,
                dir.toString(),
                peer,
                to,
                service.endpoint().toString(),
                PowServiceProcess.TOKEN));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(logFile.toFile())
        .start();
  }

  private static String status(Path db) {
    Object s =
        firstValue(db, "SELECT status FROM outbox WHERE detail IS NULL OR status <> 'DOING_POW'");
    return s == null ? "none" : s.toString();
  }

  /** The ack data of the one outbox row; a failed read throws, it is never null. */
  private static byte[] ackData(Path db) {
    byte[] ack = (byte[]) value(db, "SELECT ackdata FROM outbox");
    assertTrue(ack.length > 0, "ack data present");
    return ack;
  }
}
