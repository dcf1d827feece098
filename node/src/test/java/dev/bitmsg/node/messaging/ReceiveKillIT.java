package dev.bitmsg.node.messaging;

import static dev.bitmsg.node.testing.ReadOnlyQuery.firstValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.address.IdentityGenerator;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.content.ContentCodec;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.SeededRandomSource;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.TestNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 in the receive path: the recipient runs in a child JVM ({@link ReceiverChild}) whose
 * inbox stops for good at a chosen point, either after the msg object is stored but before its
 * inbox row is written, or after the row but before the embedded ack is published; the test kills
 * it there with SIGKILL. Restarted without the stop, the child must file the message exactly once
 * and publish its ack, which the sender (in this JVM) receives without resending.
 */
@NetworkTest
class ReceiveKillIT {
  static final String PASSPHRASE = "receive kill test";
  private static final Duration LIMIT = Duration.ofMinutes(3);

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"before-inbox", "after-inbox"})
  void killedInTheReceivePath_restartFilesOnceAndAcks(String stop) throws Exception {
    try (Node sender = NodeAssembly.start(TestNetwork.setup(tmp.resolve("s"), 0, List.of()))) {
      Messenger s = sender.messenger();
      String from = s.text(s.createRandom("sender"));
      String to = s.text(recipient());
      long id = s.send(from, to, "kill -9", "filed once, acked once", 3600);
      Path childDir = tmp.resolve("r");
      Path db = childDir.resolve("node.db");
      String peer = TestNetwork.endpoint(sender).toString();

      Path log1 = tmp.resolve("r1.log");
      Process first = start(childDir, peer, stop, log1);
      try {
        Await.until(
            LIMIT,
            () -> "child at the stop '" + stop + "', sender status " + status(s, id),
            () -> logHas(log1, ReceiverChild.REACHED + stop));
      } finally {
        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
      }
      assertEquals(stop.equals("before-inbox") ? 0L : 1L, count(db, "inbox"), "killed at the stop");
      assertTrue(count(db, "receive_queue") >= 1, "the msg is still queued for the receiver");
      assertEquals(SendStatus.SENT, status(s, id), "no ack went out before the kill");

      long t0 = System.nanoTime();
      Process second = start(childDir, peer, "run", tmp.resolve("r2.log"));
      try {
        Await.until(
            LIMIT,
            () -> "ack at the sender after the restart, status " + status(s, id),
            () -> status(s, id) == SendStatus.ACK_RECEIVED);
        Await.until(
            LIMIT,
            () -> "receive queue drained, has " + count(db, "receive_queue"),
            () -> count(db, "receive_queue") == 0);
        System.out.printf(
            Locale.ROOT,
            "e2e ReceiveKillIT: killed %s, restart (child JVM start included) to ack received in"
                + " %d ms%n",
            stop,
            (System.nanoTime() - t0) / 1_000_000);
      } finally {
        second.destroyForcibly();
        second.waitFor(30, TimeUnit.SECONDS);
      }
      assertEquals(1L, count(db, "inbox"), "filed exactly once");
      byte[] filed = (byte[]) Objects.requireNonNull(firstValue(db, "SELECT message FROM inbox"));
      long encoding =
          ((Number) Objects.requireNonNull(firstValue(db, "SELECT encoding FROM inbox")))
              .longValue();
      assertEquals("filed once, acked once", new ContentCodec().decode(encoding, filed).body());
      OutboxEntry sent = s.outbox().stream().filter(e -> e.id() == id).findFirst().orElseThrow();
      assertEquals(1, sent.retries(), "the sender sent once and did not resend");
      assertTrue(
          Files.readString(tmp.resolve("r2.log")).contains("receive queue resumed objects="),
          "the restart resumed the queued msg");
    }
  }

  /** The child's address, derived here from the passphrase the child creates it from. */
  private static Identity recipient() {
    CryptoSuite crypto = BcCryptoSuite.create(new SeededRandomSource(7));
    return new IdentityGenerator(crypto.hashes(), crypto.keys(), crypto.random())
        .deterministic(PASSPHRASE.getBytes(StandardCharsets.UTF_8), 1, 4, 1, false)
        .get(0)
        .identity();
  }

  private static SendStatus status(Messenger s, long id) {
    return s.outbox().stream()
        .filter(e -> e.id() == id)
        .map(OutboxEntry::status)
        .findFirst()
        .orElseThrow();
  }

  private static long count(Path db, String table) {
    Object n = firstValue(db, "SELECT count(*) FROM " + table);
    return n == null ? -1 : ((Number) n).longValue();
  }

  private static boolean logHas(Path log, String text) {
    try {
      return Files.exists(log) && Files.readString(log).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private static Process start(Path dir, String peer, String mode, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "--add-modules",
            "jdk.incubator.vector",
            "-cp",
            System.getProperty("java.class.path"),
            ReceiverChild.class.getName(),
            dir.toString(),
            peer,
            mode)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
