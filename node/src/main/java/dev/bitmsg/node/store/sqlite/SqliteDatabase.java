package dev.bitmsg.node.store.sqlite;

import dev.bitmsg.node.store.StoreException;
import dev.bitmsg.node.store.Vacuum;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The node's SQLite database file: one JDBC connection, opened in WAL mode with {@code
 * synchronous=NORMAL}, migrated to the latest schema on open. All statements run under one lock
 * (SQLite has a single writer anyway, and the node's statements are short), via {@link #with}.
 *
 * <p>Why {@code synchronous=NORMAL}: in WAL mode a commit appends to the WAL file with a write()
 * before returning, so a killed process (kill -9) loses nothing and never corrupts the database;
 * only an OS crash or power loss may drop the last transactions, which is harmless for an inventory
 * that peers re-announce. {@code FULL} would add an fsync per commit and cap ingest at the disk's
 * sync rate.
 *
 * <p>Thread-safe.
 */
public final class SqliteDatabase implements Vacuum, AutoCloseable {
  /** Work done with the connection while the lock is held. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final Path file;
  private final ReentrantLock lock = new ReentrantLock();
  private final Connection connection; // guarded by lock
  private final Map<String, PreparedStatement> statements = new HashMap<>(); // guarded by lock
  private boolean closed; // guarded by lock

  private SqliteDatabase(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /** Opens (creating if needed) and migrates the database at {@code file}. */
  public static SqliteDatabase open(Path file) {
    return open(file, Migrations.STEPS);
  }

  static SqliteDatabase open(Path file, List<Migration> steps) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(10_000);
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
      try {
        Migrations.migrate(c, steps);
      } catch (RuntimeException e) {
        c.close();
        throw e;
      }
      return new SqliteDatabase(file, c);
    } catch (SQLException e) {
      throw new StoreException("cannot open database " + file, e);
    }
  }

  public Path file() {
    return file;
  }

  /**
   * Runs {@code work} with the connection under the lock; an {@link SQLException} becomes a {@link
   * StoreException} naming {@code what}.
   */
  public <T> T with(String what, Work<T> work) {
    lock.lock();
    try {
      if (closed) {
        throw new StoreException(what + ": database " + file + " is closed");
      }
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException(what + " failed on " + file, e);
    } finally {
      lock.unlock();
    }
  }

  /** Like {@link #with} inside one transaction, rolled back when {@code work} throws. */
  public <T> T inTransaction(String what, Work<T> work) {
    return with(
        what,
        c -> {
          c.setAutoCommit(false);
          try {
            T result = work.run(c);
            c.commit();
            return result;
          } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
          } finally {
            c.setAutoCommit(true);
          }
        });
  }

  /**
   * A prepared statement for {@code sql}, cached for the life of the connection. Only valid inside
   * {@link #with} or {@link #inTransaction}; the SQL must be a constant (parameters are bound,
   * never concatenated).
   */
  public PreparedStatement prepared(String sql) throws SQLException {
    if (!lock.isHeldByCurrentThread()) {
      throw new IllegalStateException("prepared() outside with()");
    }
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  /** Runs a constant one-row, one-column {@code SELECT COUNT(...)} and returns its value. */
  public long count(String what, String countSql) {
    return with(
        what,
        c -> {
          try (ResultSet rs = prepared(countSql).executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0L;
          }
        });
  }

  /** {@code PRAGMA integrity_check} rows; a healthy database gives exactly {@code ["ok"]}. */
  public List<String> integrityCheck() {
    return with(
        "integrity check",
        c -> {
          List<String> rows = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement("PRAGMA integrity_check");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows.add(rs.getString(1));
            }
          }
          return rows;
        });
  }

  /**
   * Rebuilds the file without its free pages ({@code VACUUM}), giving the space of deleted rows
   * back to the file system; blocks other statements of this node for the duration.
   */
  @Override
  public void vacuum() {
    with(
        "vacuum",
        c -> {
          // SQLite refuses to VACUUM while any statement of the connection is mid-step; the
          // cached ones are closed and get prepared again on next use.
          for (PreparedStatement cached : statements.values()) {
            cached.close();
          }
          statements.clear();
          try (PreparedStatement ps = c.prepareStatement("VACUUM")) {
            return ps.executeUpdate();
          }
        });
  }

  /** The applied schema version. */
  public int schemaVersion() {
    return with("read schema version", Migrations::currentVersion);
  }

  /** The value of a PRAGMA with a single result (e.g. {@code journal_mode}). */
  public String pragma(String name) {
    if (!name.matches("[a-z_]+")) {
      throw new IllegalArgumentException("not a pragma name: " + name);
    }
    return with(
        "read pragma " + name,
        c -> {
          // PRAGMA names cannot be bound as parameters; the name is checked above.
          try (PreparedStatement ps = c.prepareStatement("PRAGMA " + name);
              ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : "";
          }
        });
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        for (PreparedStatement ps : statements.values()) {
          ps.close();
        }
        statements.clear();
        connection.close();
      }
    } catch (SQLException e) {
      throw new StoreException("closing database " + file + " failed", e);
    } finally {
      lock.unlock();
    }
  }

  /** Binds an optional text column: the text, or SQL NULL when empty. */
  static void setOptionalText(PreparedStatement ps, int i, Optional<String> v) throws SQLException {
    if (v.isPresent()) {
      ps.setString(i, v.get());
    } else {
      ps.setNull(i, Types.VARCHAR);
    }
  }
}
