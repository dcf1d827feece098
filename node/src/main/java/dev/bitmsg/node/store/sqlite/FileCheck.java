package dev.bitmsg.node.store.sqlite;

import dev.bitmsg.node.store.StoreCorruptException;
import dev.bitmsg.node.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up check of an existing database file and the reading of SQLite's result codes. {@code
 * PRAGMA quick_check} reads every page and checks each b-tree's structure and records, but not that
 * indexes match their tables (what the much slower {@code integrity_check} adds): it is linear in
 * the file size and reads it once, so it costs about as much as reading the file from disk (see
 * {@code docs/node.md}, "Storage faults", for measured times). Stateless.
 */
final class FileCheck {
  private static final Logger log = LoggerFactory.getLogger(FileCheck.class);

  // SQLite's primary result codes (the low byte of an extended code).
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_FULL = 13;
  private static final int SQLITE_NOTADB = 26;

  private FileCheck() {}

  /**
   * Whether {@code file} exists with content, i.e. is a database to check rather than a new one.
   */
  static boolean hasContent(Path file) {
    try {
      return Files.isRegularFile(file) && Files.size(file) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Runs {@code PRAGMA quick_check} on {@code c}, the open connection to {@code file}.
   *
   * @throws StoreCorruptException when the file is damaged
   */
  static void quickCheck(Connection c, Path file) {
    long t0 = System.nanoTime();
    List<String> problems = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("PRAGMA quick_check");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String row = rs.getString(1);
        if (!"ok".equals(row)) {
          problems.add(row);
        }
      }
    } catch (SQLException e) {
      throw isCorrupt(e)
          ? new StoreCorruptException(damaged(file, reason(e)), e)
          : new StoreException("checking database " + file + " failed: " + e.getMessage(), e);
    }
    if (!problems.isEmpty()) {
      // A row may hold several lines, headed by "*** in database main ***".
      List<String> lines =
          problems.stream()
              .flatMap(String::lines)
              .map(String::strip)
              .filter(l -> !l.isEmpty() && !l.startsWith("***"))
              .toList();
      String first = lines.isEmpty() ? "quick_check failed" : lines.get(0);
      throw new StoreCorruptException(
          damaged(
              file,
              lines.size() <= 1
                  ? first
                  : first + ", and " + (lines.size() - 1) + " more problems"));
    }
    log.info(
        "database checked file={} check=quick_check ms={}",
        file,
        (System.nanoTime() - t0) / 1_000_000);
  }

  /** The exception for a connection that could not be opened. */
  static StoreException openFailed(Path file, SQLException e) {
    return isCorrupt(e)
        ? new StoreCorruptException(damaged(file, reason(e)), e)
        : new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
  }

  /** The one line that names a damaged file and the ways to recover. */
  static String damaged(Path file, @Nullable String detail) {
    return "database "
        + file
        + " is damaged ("
        + (detail == null ? "unreadable" : detail.strip().replaceAll("\\s*\\R\\s*", "; "))
        + "); it was left unchanged: restore it from a backup, or move it aside to start with an"
        + " empty one (salvage its keys and messages with: sqlite3 "
        + file.getFileName()
        + " .recover)";
  }

  /**
   * SQLite's own words for a failure: the driver's "[SQLITE_CORRUPT] The database disk image is
   * malformed (database disk image is malformed)" becomes the part in parentheses.
   */
  static @Nullable String reason(SQLException e) {
    String m = e.getMessage();
    if (m == null) {
      return null;
    }
    int open = m.lastIndexOf('(');
    if (m.startsWith("[") && open > 0 && m.endsWith(")")) {
      return m.substring(open + 1, m.length() - 1);
    }
    return m;
  }

  static boolean isFull(SQLException e) {
    return primaryCode(e) == SQLITE_FULL;
  }

  static boolean isCorrupt(SQLException e) {
    int code = primaryCode(e);
    return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
  }

  private static int primaryCode(SQLException e) {
    return e.getErrorCode() & 0xff;
  }
}
