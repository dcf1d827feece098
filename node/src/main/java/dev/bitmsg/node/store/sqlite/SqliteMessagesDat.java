package dev.bitmsg.node.store.sqlite;

import dev.bitmsg.node.migrate.MessagesDat;
import dev.bitmsg.node.store.StoreException;
import dev.bitmsg.node.wire.Bytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/**
 * Reads PyBitmessage's {@code messages.dat} (read-only: the file is never written). PyBitmessage
 * keeps texts in columns declared {@code text} but writes them as TEXT or BLOB depending on the
 * Python version, and numbers in some {@code text} columns; every text is read as bytes and decoded
 * as UTF-8 (bad sequences become U+FFFD), every number with SQLite's own conversion. Accepts schema
 * versions 10 and 11 (v0.6 upgrades older files when it starts). Not thread-safe.
 */
public final class SqliteMessagesDat implements MessagesDat {
  private static final int OLDEST_VERSION = 10;

  private final Connection connection;
  private final Path file;
  private final int version;

  private SqliteMessagesDat(Connection connection, Path file, int version) {
    this.connection = connection;
    this.file = file;
    this.version = version;
  }

  /**
   * Opens {@code file} read-only.
   *
   * @throws StoreException when it is not a PyBitmessage database of a version this reads
   */
  public static SqliteMessagesDat open(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(10_000);
    Connection c;
    try {
      c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    } catch (SQLException e) {
      throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
    }
    try {
      int v = readVersion(c, file);
      if (v < OLDEST_VERSION) {
        throw new StoreException(
            file
                + " has PyBitmessage schema version "
                + v
                + "; start PyBitmessage 0.6 once so that it upgrades the file, then import");
      }
      return new SqliteMessagesDat(c, file, v);
    } catch (RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
  }

  private static int readVersion(Connection c, Path file) {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT value FROM settings WHERE key = 'version'");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new StoreException(file + " has no schema version: not PyBitmessage's messages.dat");
      }
      return Integer.parseInt(text(rs, 1).strip());
    } catch (SQLException | NumberFormatException e) {
      throw new StoreException(
          file + " is not PyBitmessage's messages.dat (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public int version() {
    return version;
  }

  @Override
  public List<InboxRow> inbox() {
    return query(
        "SELECT msgid, toaddress, fromaddress, subject, received, message, folder,"
            + " encodingtype, read, sighash FROM inbox ORDER BY rowid",
        rs ->
            new InboxRow(
                bytes(rs, 1),
                text(rs, 2),
                text(rs, 3),
                text(rs, 4),
                rs.getLong(5),
                text(rs, 6),
                text(rs, 7),
                rs.getLong(8),
                rs.getLong(9) != 0,
                bytes(rs, 10)));
  }

  @Override
  public List<SentRow> sent() {
    return query(
        "SELECT msgid, toaddress, fromaddress, subject, message, ackdata, senttime,"
            + " lastactiontime, sleeptill, status, retrynumber, folder, encodingtype, ttl"
            + " FROM sent ORDER BY rowid",
        rs ->
            new SentRow(
                bytes(rs, 1),
                text(rs, 2),
                text(rs, 3),
                text(rs, 4),
                text(rs, 5),
                bytes(rs, 6),
                rs.getLong(7),
                rs.getLong(8),
                rs.getLong(9),
                text(rs, 10),
                rs.getInt(11),
                text(rs, 12),
                rs.getLong(13),
                rs.getLong(14)));
  }

  @Override
  public List<ListRow> rows(AddressTable table) {
    String sql =
        switch (table) {
          case ADDRESSBOOK -> "SELECT label, address, 1 FROM addressbook ORDER BY rowid";
          case SUBSCRIPTIONS -> "SELECT label, address, enabled FROM subscriptions ORDER BY rowid";
          case BLACKLIST -> "SELECT label, address, enabled FROM blacklist ORDER BY rowid";
          case WHITELIST -> "SELECT label, address, enabled FROM whitelist ORDER BY rowid";
        };
    return query(sql, rs -> new ListRow(text(rs, 1), text(rs, 2), rs.getLong(3) != 0));
  }

  @Override
  public Map<String, Long> otherTables() {
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("pubkeys", count("SELECT count(*) FROM pubkeys"));
    out.put("inventory", count("SELECT count(*) FROM inventory"));
    out.put("objectprocessorqueue", count("SELECT count(*) FROM objectprocessorqueue"));
    return out;
  }

  private long count(String sql) {
    return query(sql, rs -> rs.getLong(1)).get(0);
  }

  private interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String sql, Row<T> row) {
    try (PreparedStatement ps = connection.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(row.read(rs));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** A text column stored as TEXT, BLOB or a number; NULL reads as empty. */
  private static String text(ResultSet rs, int i) throws SQLException {
    byte[] b = rs.getBytes(i);
    return b == null ? "" : new String(b, StandardCharsets.UTF_8);
  }

  private static Bytes bytes(ResultSet rs, int i) throws SQLException {
    byte[] b = rs.getBytes(i);
    return b == null ? Bytes.EMPTY : Bytes.of(b);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // already failing: the first error is the one reported
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close " + file, e);
    }
  }
}
