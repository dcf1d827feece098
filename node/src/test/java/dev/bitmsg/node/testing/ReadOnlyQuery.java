package dev.bitmsg.node.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * Reads a database that another process (a node under test) is writing, through a separate
 * read-only connection, so tests can watch its state across a kill -9 and restart.
 */
public final class ReadOnlyQuery {
  private ReadOnlyQuery() {}

  /**
   * The first column of the first row of {@code sql}, or null when there is none yet: no file, no
   * table (not created or migrated yet) or no row.
   */
  public static @Nullable Object firstValue(Path db, String sql) {
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
