package dev.bitmsg.node.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A database left at an older schema step (5, before the receive queue; 6, the receive queue, the
 * last step before the sender lists and msgids; and every later one) with an identity, a sent and a
 * received message in it: opening it as the node does applies the missing steps, keeps the rows and
 * gives the new columns their defaults (not trashed, no foreign msgid, acks sent, black sender-list
 * mode).
 */
class MigrationFromOlderStepsTest {
  @TempDir Path dir;

  static IntStream olderSteps() {
    return IntStream.range(5, Migrations.STEPS.size());
  }

  @ParameterizedTest
  @MethodSource("olderSteps")
  void olderDatabaseOpensWithItsRows(int step) throws Exception {
    Path file = dir.resolve("node.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      assertEquals(step, Migrations.migrate(c, Migrations.STEPS.subList(0, step)));
      try (Statement s = c.createStatement()) {
        s.executeUpdate(
            "INSERT INTO identities (address, label, enabled, chan, ntpb, extra, signing_key,"
                + " encryption_key, sealed, created) VALUES ('BM-me', 'me', 1, 0, 1000, 1000,"
                + " x'01', x'02', 0, 1)");
        s.executeUpdate(
            "INSERT INTO outbox (kind, from_address, to_address, encoding, message, ttl, ackdata,"
                + " status, status_time, created) VALUES ('MSG', 'BM-me', 'BM-you', 2, x'aa',"
                + " 3600, x'bb', 'SENT', 5, 5)");
        s.executeUpdate(
            "INSERT INTO inbox (kind, to_address, from_address, encoding, message, received,"
                + " sighash) VALUES ('MSG', 'BM-me', 'BM-you', 2, x'cc', 6, x'dd')");
      }
    }
    SqliteDatabase.open(file).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      assertEquals(Migrations.STEPS.size(), Migrations.currentVersion(c));
      try (ResultSet rs =
          s.executeQuery("SELECT label, send_acks FROM identities WHERE address = 'BM-me'")) {
        rs.next();
        assertEquals("me", rs.getString(1));
        assertEquals(1, rs.getInt(2));
      }
      try (ResultSet rs =
          s.executeQuery("SELECT status, trashed, msgid, hex(ackdata), stopped_from FROM outbox")) {
        rs.next();
        assertEquals("SENT", rs.getString(1));
        assertEquals(0, rs.getInt(2));
        assertNull(rs.getBytes(3));
        assertEquals("BB", rs.getString(4));
        assertNull(rs.getString(5));
      }
      try (ResultSet rs = s.executeQuery("SELECT hex(sighash), msgid FROM inbox")) {
        rs.next();
        assertEquals("DD", rs.getString(1));
        assertNull(rs.getBytes(2));
      }
      assertEquals(0, count(s, "SELECT count(*) FROM sender_lists"));
      assertEquals(0, count(s, "SELECT count(*) FROM mailing_lists"));
    }
  }

  private static int count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
