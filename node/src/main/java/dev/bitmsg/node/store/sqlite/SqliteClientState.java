package dev.bitmsg.node.store.sqlite;

import dev.bitmsg.node.store.ClientState;
import dev.bitmsg.node.store.OwnerOnly;
import dev.bitmsg.node.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link ClientState} in its own SQLite file ({@code api.db} next to the node's database).
 * Thread-safe (one connection under the object lock).
 */
public final class SqliteClientState implements ClientState {
  private final Connection c;

  private SqliteClientState(Connection c) {
    this.c = c;
  }

  /**
   * Opens (creating if needed, owner-only) the file; an existing one is checked first ({@link
   * FileCheck}).
   */
  public static SqliteClientState open(Path file) {
    boolean existing = FileCheck.hasContent(file);
    try {
      OwnerOnly.databaseFile(file);
    } catch (IOException e) {
      throw new StoreException("cannot create API state " + file + ": " + e.getMessage(), e);
    }
    Connection c;
    try {
      c = DriverManager.getConnection("jdbc:sqlite:" + file);
    } catch (SQLException e) {
      throw FileCheck.openFailed(file, e);
    }
    try {
      if (existing) {
        FileCheck.quickCheck(c, file);
      }
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute(
            "CREATE TABLE IF NOT EXISTS address_book (address TEXT PRIMARY KEY NOT NULL, label TEXT NOT NULL)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS inbox_marks (msgid TEXT PRIMARY KEY NOT NULL,"
                + " read INTEGER NOT NULL DEFAULT 0, trashed INTEGER NOT NULL DEFAULT 0)");
        // Sent trash marks of older versions, moved into the outbox once (oldSentTrash).
        s.execute("CREATE TABLE IF NOT EXISTS sent_trash (outbox_id INTEGER PRIMARY KEY NOT NULL)");
      }
      return new SqliteClientState(c);
    } catch (SQLException e) {
      closeQuietly(c);
      throw new StoreException("cannot open API state " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // the failure that made us close is the one to report
    }
  }

  @Override
  public synchronized boolean addContact(String address, String label) {
    return update(
            "INSERT OR IGNORE INTO address_book (address, label) VALUES (?, ?)", address, label)
        == 1;
  }

  @Override
  public synchronized boolean deleteContact(String address) {
    return update("DELETE FROM address_book WHERE address = ?", address) == 1;
  }

  @Override
  public synchronized List<Contact> contacts() {
    List<Contact> out = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT address, label FROM address_book ORDER BY rowid");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Contact(rs.getString(1), rs.getString(2)));
      }
    } catch (SQLException e) {
      throw new StoreException("reading the address book failed", e);
    }
    return out;
  }

  @Override
  public synchronized void markRead(String msgid, boolean read) {
    update(
        "INSERT INTO inbox_marks (msgid, read) VALUES (?, ?) ON CONFLICT (msgid) DO UPDATE SET read = excluded.read",
        msgid,
        read ? 1 : 0);
  }

  @Override
  public synchronized void trashInbox(String msgid) {
    update(
        "INSERT INTO inbox_marks (msgid, trashed) VALUES (?, 1) ON CONFLICT (msgid) DO UPDATE SET trashed = 1",
        msgid);
  }

  @Override
  public synchronized void untrashInbox(String msgid) {
    update("UPDATE inbox_marks SET trashed = 0 WHERE msgid = ?", msgid);
  }

  @Override
  public synchronized Set<String> readInbox() {
    return strings("SELECT msgid FROM inbox_marks WHERE read = 1");
  }

  @Override
  public synchronized boolean isRead(String msgid) {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM inbox_marks WHERE msgid = ? AND read = 1")) {
      ps.setString(1, msgid);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new StoreException("reading API state failed", e);
    }
  }

  @Override
  public synchronized Set<String> trashedInbox() {
    return strings("SELECT msgid FROM inbox_marks WHERE trashed = 1");
  }

  @Override
  public synchronized Set<Long> oldSentTrash() {
    Set<Long> out = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT outbox_id FROM sent_trash");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    } catch (SQLException e) {
      throw new StoreException("reading trashed sent messages failed", e);
    }
    return out;
  }

  @Override
  public synchronized void dropOldSentTrash() {
    update("DELETE FROM sent_trash");
  }

  @Override
  public synchronized void forget(Collection<String> inboxMsgids) {
    try {
      c.setAutoCommit(false);
      try {
        for (String id : inboxMsgids) {
          update("DELETE FROM inbox_marks WHERE msgid = ?", id);
        }
        c.commit();
      } catch (RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("forgetting deleted messages failed", e);
    }
  }

  @Override
  public synchronized void vacuum() {
    try (Statement s = c.createStatement()) {
      s.execute("VACUUM");
    } catch (SQLException e) {
      throw new StoreException("vacuuming API state failed", e);
    }
  }

  private Set<String> strings(String sql) {
    Set<String> out = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new StoreException("reading API state failed", e);
    }
    return out;
  }

  private int update(String sql, Object... args) {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("updating API state failed", e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      c.close();
    } catch (SQLException e) {
      throw new StoreException("closing API state failed", e);
    }
  }
}
