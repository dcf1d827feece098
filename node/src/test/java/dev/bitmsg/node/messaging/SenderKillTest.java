package dev.bitmsg.node.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.address.IdentityGenerator;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.SeededRandomSource;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.net.Await;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.TestNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender runs in a child JVM and is killed with SIGKILL while doing the proof of work of its
 * msg (the recipient demands a high difficulty so the work lasts seconds). Restarted, it must
 * resume with the same row and ack data and deliver the message exactly once, acknowledged.
 */
class SenderKillTest {
  private static final Logger log = LoggerFactory.getLogger(SenderKillTest.class);
  private static final Duration LIMIT = Duration.ofSeconds(120);
  /** Expected msg trials about 5e9 * 1600 / 2^20 = 7.6 million: seconds, not milliseconds. */
  private static final long DEMANDED_NTPB = 5_000_000_000L;

  @TempDir Path tmp;

  @Test
  void killedDuringPowThenRestartedDeliversOnce() throws Exception {
    NodeConfig config = new NodeConfig(tmp.resolve("b"), Optional.of(new HostPort("127.0.0.1", 0)), List.of(),
        false, Optional.empty(), Optional.empty(), TestNetwork.settings(), Duration.ofMinutes(10));
    try (Node b = Node.start(config, TestNetwork.params(), TestNetwork.pow(), Clock.systemUTC(),
        MessagingNetworkTest.settings(), Optional.empty())) {
      CryptoSuite crypto = BcCryptoSuite.create(new SeededRandomSource(7));
      Identity plain = new IdentityGenerator(crypto.hashes(), crypto.keys(), crypto.random())
          .random(4, 1, false, "demanding");
      Identity demanding = new Identity(plain.address(), plain.signing(), plain.encryption(), "demanding",
          DEMANDED_NTPB, 1000, true, false);
      b.messenger().importIdentity(demanding);
      String to = b.messenger().text(demanding);
      Path childDir = tmp.resolve("a");
      Path db = childDir.resolve("node.db");
      String peer = TestNetwork.endpoint(b).toString();

      Process first = start(childDir, peer, to, tmp.resolve("a1.log"));
      try {
        Await.until(LIMIT, () -> "child doing msg PoW, now " + status(db), () -> "DOING_POW".equals(status(db)));
      } finally {
        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
      }
      assertEquals("DOING_POW", status(db), "killed during the proof of work");
      assertEquals(0, b.messenger().inbox().size());
      byte[] ackBefore = query(db, "SELECT ackdata FROM outbox");

      long t0 = System.nanoTime();
      Process second = start(childDir, peer, to, tmp.resolve("a2.log"));
      try {
        Await.until(LIMIT, () -> "restarted child: ack received, now " + status(db),
            () -> "ACK_RECEIVED".equals(status(db)));
        log.info("restart to ack received: {} ms", (System.nanoTime() - t0) / 1_000_000);
      } finally {
        second.destroyForcibly();
        second.waitFor(30, TimeUnit.SECONDS);
      }
      assertEquals(1, b.messenger().inbox().size(), "delivered exactly once");
      assertEquals("exactly once", b.messenger().content(b.messenger().inbox().get(0)).body());
      assertEquals(1L, ((Number) Objects.requireNonNull(queryObject(db, "SELECT count(*) FROM outbox"))).longValue());
      assertTrue(java.util.Arrays.equals(ackBefore, query(db, "SELECT ackdata FROM outbox")), "same ack data");
      assertTrue(Files.readString(tmp.resolve("a2.log")).contains("interrupted during PoW are queued again"));
    }
  }

  private static Process start(Path dir, String peer, String to, Path logFile) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
        "-cp", System.getProperty("java.class.path"), SenderChild.class.getName(), dir.toString(), peer, to));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
  }

  private static String status(Path db) {
    Object s = queryObject(db, "SELECT status FROM outbox WHERE detail IS NULL OR status <> 'DOING_POW'");
    return s == null ? "none" : s.toString();
  }

  private static byte @Nullable [] query(Path db, String sql) {
    return (byte[]) queryObject(db, sql);
  }

  private static @Nullable Object queryObject(Path db, String sql) {
    if (!Files.exists(db)) {
      return null;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getObject(1) : null;
    } catch (SQLException e) {
      return null;
    }
  }
}
