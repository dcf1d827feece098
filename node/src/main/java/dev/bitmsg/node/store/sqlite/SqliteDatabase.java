package dev.bitmsg.node.store.sqlite;

import dev.bitmsg.node.store.OwnerOnly;
import dev.bitmsg.node.store.StorageFullException;
import dev.bitmsg.node.store.StorageHealth;
import dev.bitmsg.node.store.StoreCorruptException;
import dev.bitmsg.node.store.StoreException;
import dev.bitmsg.node.store.Vacuum;
import java.io.IOException;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * <p>Files and faults: the file is created 0600 before SQLite opens it (its {@code -wal} and {@code
 * -shm} follow its mode; {@link OwnerOnly}). An existing file is checked with {@code PRAGMA
 * quick_check} before anything is written to it, and a damaged one is refused with a {@link
 * StoreCorruptException} naming the file and the way to recover (see {@link FileCheck}). A write
 * the disk has no room for ({@code SQLITE_FULL}) is rolled back and throws {@link
 * StorageFullException}; {@link #full()} stays true until a later write succeeds.
 *
 * <p>Thread-safe.
 */
public final class SqliteDatabase implements Vacuum, StorageHealth, AutoCloseable {
  /** Work done with the connection while the lock is held. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private static final Logger log = LoggerFactory.getLogger(SqliteDatabase.class);

  /** A "storage full" line is logged at most this often while writes keep failing. */
  private static final long FULL_LOG_EVERY_MS = 60_000;

  private final Path file;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicLong fullErrors = new AtomicLong();
  private volatile boolean full;
  private long changesWhenFull; // guarded by lock
  private long fullLoggedAt = Long.MIN_VALUE / 2; // guarded by lock
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
    boolean existing = FileCheck.hasContent(file);
    try {
      OwnerOnly.databaseFile(file);
    } catch (IOException e) {
      throw new StoreException("cannot create database " + file + ": " + e.getMessage(), e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(10_000);
    Connection c;
    try {
      c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    } catch (SQLException e) {
      throw FileCheck.openFailed(file, e);
    }
    try {
      if (existing) {
        FileCheck.quickCheck(c, file);
      }
      Migrations.migrate(c, steps);
    } catch (RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
    return new SqliteDatabase(file, c);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      log.debug("closing a refused database failed cause={}", e.getMessage());
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
      T result = work.run(connection);
      if (full) {
        checkWritableAgain();
      }
      return result;
    } catch (SQLException e) {
      throw failure(what, e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The exception for a failed statement; a full disk also enters the full state. The cached
   * statements are dropped: after an error SQLite's automatic rollback can leave them unusable.
   */
  private StoreException failure(String what, SQLException e) {
    dropStatements();
    if (FileCheck.isFull(e)) {
      fullErrors.incrementAndGet();
      full = true;
      try {
        changesWhenFull = totalChanges();
      } catch (SQLException unknown) {
        // keep the previous mark: the state ends at the next statement that changes rows
      }
      long now = System.currentTimeMillis();
      if (now - fullLoggedAt >= FULL_LOG_EVERY_MS) {
        fullLoggedAt = now;
        log.error(
            "storage full, new work refused until space is free file={} during={} refusals={}",
            file,
            what,
            fullErrors.get());
      }
      return new StorageFullException(
          "storage full: " + what + " refused, " + file + " cannot grow (no space left)", e);
    }
    if (FileCheck.isCorrupt(e)) {
      return new StoreCorruptException(FileCheck.damaged(file, FileCheck.reason(e)), e);
    }
    return new StoreException(what + " failed on " + file, e);
  }

  private void dropStatements() {
    for (PreparedStatement cached : statements.values()) {
      try {
        cached.close();
      } catch (SQLException ignored) {
        // already unusable: it is dropped either way
      }
    }
    statements.clear();
  }

  /** In the full state: leaves it once a statement has changed rows since the last refusal. */
  private void checkWritableAgain() throws SQLException {
    if (totalChanges() > changesWhenFull) {
      full = false;
      log.warn("storage writable again file={} refusals={}", file, fullErrors.get());
    }
  }

  private long totalChanges() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT total_changes()");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  @Override
  public boolean full() {
    return full;
  }

  @Override
  public long fullErrors() {
    return fullErrors.get();
  }

  /**
   * Caps the database at {@code pages} pages (SQLite's {@code max_page_count}, for this
   * connection): writes that would grow it further fail as on a full disk. Returns the limit in
   * effect, which is never below the current size.
   */
  public long maxPageCount(long pages) {
    if (pages < 1) {
      throw new IllegalArgumentException("pages must be >= 1: " + pages);
    }
    return with(
        "set max_page_count",
        c -> {
          // PRAGMA values cannot be bound as parameters; pages is a checked long.
          try (PreparedStatement ps = c.prepareStatement("PRAGMA max_page_count = " + pages);
              ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : pages;
          }
        });
  }

  /** Like {@link #with} inside one transaction, rolled back when {@code work} throws. */
  public <T> T inTransaction(String what, Work<T> work) {
    return with(
        what,
        c -> {
          c.setAutoCommit(false);
          T result;
          try {
            result = work.run(c);
            c.commit();
          } catch (SQLException | RuntimeException e) {
            // SQLite may have rolled back already (it does on SQLITE_FULL): then rollback and the
            // return to autocommit both report "no transaction is active", which must not hide e.
            try {
              c.rollback();
            } catch (SQLException r) {
              e.addSuppressed(r);
            }
            try {
              c.setAutoCommit(true);
            } catch (SQLException r) {
              e.addSuppressed(r);
            }
            throw e;
          }
          c.setAutoCommit(true);
          return result;
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
