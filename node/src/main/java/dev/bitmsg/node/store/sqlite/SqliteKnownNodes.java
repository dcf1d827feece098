package dev.bitmsg.node.store.sqlite;

import dev.bitmsg.node.store.KnownNode;
import dev.bitmsg.node.store.KnownNodes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@link KnownNodes} on the {@code known_nodes} table of a {@link SqliteDatabase}. Thread-safe. */
public final class SqliteKnownNodes implements KnownNodes {
  private static final String UPSERT =
      "INSERT INTO known_nodes (host, port, stream, services, last_seen, rating)"
          + " VALUES (?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (host, port) DO UPDATE SET stream = excluded.stream,"
          + " services = excluded.services, last_seen = max(last_seen, excluded.last_seen)";
  private static final String COLUMNS = "host, port, stream, services, last_seen, rating";
  private static final String SEEN_SINCE =
      "SELECT "
          + COLUMNS
          + " FROM known_nodes WHERE stream = ? AND last_seen >= ?"
          + " ORDER BY last_seen DESC LIMIT ?";
  private static final String CANDIDATES =
      "SELECT "
          + COLUMNS
          + " FROM known_nodes WHERE stream = ?"
          + " ORDER BY rating DESC, random() LIMIT ?";
  private static final String RATE =
      "UPDATE known_nodes SET rating = min(1.0, max(-1.0, rating + ?)) WHERE host = ? AND port = ?";
  private static final String PRUNE =
      "DELETE FROM known_nodes WHERE last_seen < ? OR (last_seen < ? AND rating < 0)";
  private static final String TRIM =
      "DELETE FROM known_nodes WHERE rowid IN (SELECT rowid FROM known_nodes"
          + " ORDER BY rating > 0, rating, random()"
          + " LIMIT max(0, (SELECT count(*) FROM known_nodes) - ?))";
  private static final String COUNT = "SELECT count(*) FROM known_nodes";

  private final SqliteDatabase db;
  private final boolean ownsDatabase;

  public SqliteKnownNodes(SqliteDatabase db, boolean ownsDatabase) {
    this.db = db;
    this.ownsDatabase = ownsDatabase;
  }

  @Override
  public void upsert(KnownNode n) {
    db.with(
        "record known node " + n.endpoint(),
        c -> {
          PreparedStatement ps = db.prepared(UPSERT);
          ps.setString(1, n.host());
          ps.setInt(2, n.port());
          ps.setLong(3, n.stream());
          ps.setLong(4, n.services());
          ps.setLong(5, n.lastSeen());
          ps.setDouble(6, n.rating());
          return ps.executeUpdate();
        });
  }

  @Override
  public List<KnownNode> seenSince(long stream, long sinceEpochSeconds, int limit) {
    return db.with(
        "list nodes of stream " + stream + " seen since " + sinceEpochSeconds,
        c -> {
          PreparedStatement ps = db.prepared(SEEN_SINCE);
          ps.setLong(1, stream);
          ps.setLong(2, sinceEpochSeconds);
          ps.setInt(3, limit);
          return list(ps);
        });
  }

  @Override
  public List<KnownNode> candidates(long stream, int limit) {
    return db.with(
        "list dial candidates of stream " + stream,
        c -> {
          PreparedStatement ps = db.prepared(CANDIDATES);
          ps.setLong(1, stream);
          ps.setInt(2, limit);
          return list(ps);
        });
  }

  private static List<KnownNode> list(PreparedStatement ps) throws SQLException {
    List<KnownNode> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new KnownNode(
                rs.getString(1),
                rs.getInt(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getDouble(6)));
      }
    }
    return out;
  }

  @Override
  public void adjustRating(String host, int port, double delta) {
    db.with(
        "rate known node " + host + ":" + port,
        c -> {
          PreparedStatement ps = db.prepared(RATE);
          ps.setDouble(1, delta);
          ps.setString(2, host);
          ps.setInt(3, port);
          return ps.executeUpdate();
        });
  }

  @Override
  public int prune(long staleBefore, long lowRatedBefore) {
    return db.with(
        "prune known nodes",
        c -> {
          PreparedStatement ps = db.prepared(PRUNE);
          ps.setLong(1, staleBefore);
          ps.setLong(2, lowRatedBefore);
          return ps.executeUpdate();
        });
  }

  @Override
  public int trim(int max) {
    return db.with(
        "trim known nodes to " + max,
        c -> {
          PreparedStatement ps = db.prepared(TRIM);
          ps.setInt(1, max);
          return ps.executeUpdate();
        });
  }

  @Override
  public long count() {
    return db.count("count known nodes", COUNT);
  }

  @Override
  public void close() {
    if (ownsDatabase) {
      db.close();
    }
  }
}
