package dev.bitmsg.node.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Reads a database that another process (a node under test) is writing, through a separate
 * read-only connection, so tests can watch its state across a kill -9 and restart. Only "not there
 * yet" reads as null (no file, no table, no row); any other failure of the query (a misspelt
 * column, a broken file) throws, so that two failed reads never compare equal.
 */
public final class ReadOnlyQuery {
  /** How long a read retries while the writer holds a lock the reader needs. */
  private static final Duration BUSY_LIMIT = Duration.ofSeconds(30);

  private ReadOnlyQuery() {}

  /**
   * The first column of the first row of {@code sql}, or null when there is none yet: no file, no
   * table (not created or migrated yet) or no row.
   *
   * @throws IllegalStateException when the query fails otherwise
   */
  public static @Nullable Object firstValue(Path db, String sql) {
    if (!Files.exists(db)) {
      return null;
    }
    long deadline = System.nanoTime() + BUSY_LIMIT.toNanos();
    while (true) {
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        return rs.next() ? rs.getObject(1) : null;
      } catch (SQLException e) {
        if (notCreatedYet(e)) {
          return null;
        }
        if (!busy(e) || System.nanoTime() > deadline) {
          throw new IllegalStateException("query failed on " + db + ": " + sql, e);
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted reading " + db, e);
      }
    }
  }

  /** Like {@link #firstValue} for a value that must be there: throws when there is none. */
  public static Object value(Path db, String sql) {
    Object v = firstValue(db, sql);
    if (v == null) {
      throw new IllegalStateException("no value in " + db + " for: " + sql);
    }
    return v;
  }

  private static boolean notCreatedYet(SQLException e) {
    return e instanceof SQLiteException s
        && s.getResultCode() == SQLiteErrorCode.SQLITE_ERROR
        && String.valueOf(e.getMessage()).contains("no such table");
  }

  private static boolean busy(SQLException e) {
    if (!(e instanceof SQLiteException s)) {
      return false;
    }
    int primary = s.getResultCode().code & 0xff;
    return primary == SQLiteErrorCode.SQLITE_BUSY.code
        || primary == SQLiteErrorCode.SQLITE_LOCKED.code;
  }
}
