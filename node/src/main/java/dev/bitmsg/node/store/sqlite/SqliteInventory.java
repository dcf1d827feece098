package dev.bitmsg.node.store.sqlite;

import dev.bitmsg.node.store.Inventory;
import dev.bitmsg.node.store.InventoryItem;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.InventoryVector;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ObjLongConsumer;

/**
 * {@link Inventory} on the {@code inventory} table of a {@link SqliteDatabase}. Unsigned 64-bit
 * header values are stored as SQLite's signed INTEGER (same bits), which keeps ordering right for
 * every real expiry time (below 2^63). Every new row is also queued in {@code receive_queue}, in
 * the same transaction ({@link SqliteReceiveQueue}). Thread-safe.
 */
public final class SqliteInventory implements Inventory {
  private static final String INSERT =
      "INSERT OR IGNORE INTO inventory (vector, object_type, stream, expires, payload, tag)"
          + " VALUES (?, ?, ?, ?, ?, ?)";
  private static final String INSERT_OWN =
      "INSERT OR IGNORE INTO inventory (vector, object_type, stream, expires, payload, tag, origin)"
          + " VALUES (?, ?, ?, ?, ?, ?, 'own')";
  private static final String IS_OWN =
      "SELECT 1 FROM inventory WHERE vector = ? AND origin = 'own'";
  private static final String OWN =
      "SELECT vector, expires FROM inventory WHERE origin = 'own' AND expires >= ?";
  private static final String EXISTS = "SELECT 1 FROM inventory WHERE vector = ?";
  private static final String ALL_VECTORS = "SELECT vector, expires FROM inventory";
  private static final String GET =
      "SELECT vector, object_type, stream, expires, payload, tag FROM inventory WHERE vector = ?";
  private static final String UNEXPIRED_PAGE =
      "SELECT id, vector FROM inventory WHERE id > ? AND stream = ? AND expires > ?"
          + " ORDER BY id LIMIT ?";
  private static final String ENQUEUE =
      "INSERT INTO receive_queue (object_id) VALUES (last_insert_rowid())";
  private static final String BY_TAG =
      "SELECT vector, object_type, stream, expires, payload, tag FROM inventory"
          + " WHERE object_type = ? AND tag = ?";
  private static final String DELETE_EXPIRED = "DELETE FROM inventory WHERE expires < ?";
  private static final String COUNT = "SELECT count(*) FROM inventory";

  private final SqliteDatabase db;
  private final boolean ownsDatabase;

  /**
   * @param ownsDatabase whether {@link #close()} closes the database too
   */
  public SqliteInventory(SqliteDatabase db, boolean ownsDatabase) {
    this.db = db;
    this.ownsDatabase = ownsDatabase;
  }

  @Override
  public boolean add(InventoryItem item) {
    return db.inTransaction(
        "store object " + item.vector(), c -> insert(db.prepared(INSERT), item) == 1);
  }

  @Override
  public boolean addOwn(InventoryItem item) {
    return db.inTransaction(
        "store own object " + item.vector(), c -> insert(db.prepared(INSERT_OWN), item) == 1);
  }

  @Override
  public boolean isOwn(InventoryVector vector) {
    return db.with(
        "look up origin of " + vector,
        c -> {
          PreparedStatement ps = db.prepared(IS_OWN);
          ps.setBytes(1, vector.hash().toByteArray());
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
          }
        });
  }

  @Override
  public Map<InventoryVector, Long> ownExpiries(long fromEpochSeconds) {
    return db.with(
        "list own objects",
        c -> {
          PreparedStatement ps = db.prepared(OWN);
          ps.setLong(1, fromEpochSeconds);
          Map<InventoryVector, Long> out = new HashMap<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(new InventoryVector(Bytes.of(rs.getBytes(1))), rs.getLong(2));
            }
          }
          return out;
        });
  }

  @Override
  public List<Boolean> addAll(List<InventoryItem> items) {
    if (items.isEmpty()) {
      return List.of();
    }
    return db.inTransaction(
        "store " + items.size() + " objects",
        c -> {
          PreparedStatement ps = db.prepared(INSERT);
          List<Boolean> added = new ArrayList<>(items.size());
          for (InventoryItem item : items) {
            added.add(insert(ps, item) == 1);
          }
          return added;
        });
  }

  /** Inserts the row and, when it is new, queues it for the receiver (same transaction). */
  private int insert(PreparedStatement ps, InventoryItem item) throws SQLException {
    ps.setBytes(1, item.vector().hash().toByteArray());
    ps.setLong(2, item.objectType());
    ps.setLong(3, item.stream());
    ps.setLong(4, item.expiresTime());
    ps.setBytes(5, item.raw().toByteArray());
    if (item.tag().isPresent()) {
      ps.setBytes(6, item.tag().get().toByteArray());
    } else {
      ps.setNull(6, Types.BLOB);
    }
    int inserted = ps.executeUpdate();
    if (inserted == 1) {
      db.prepared(ENQUEUE).executeUpdate();
    }
    return inserted;
  }

  @Override
  public boolean contains(InventoryVector vector) {
    return db.with(
        "look up " + vector,
        c -> {
          PreparedStatement ps = db.prepared(EXISTS);
          ps.setBytes(1, vector.hash().toByteArray());
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
          }
        });
  }

  @Override
  public void forEachVector(ObjLongConsumer<InventoryVector> sink) {
    db.with(
        "list all vectors",
        c -> {
          try (ResultSet rs = db.prepared(ALL_VECTORS).executeQuery()) {
            int n = 0;
            while (rs.next()) {
              sink.accept(new InventoryVector(Bytes.of(rs.getBytes(1))), rs.getLong(2));
              n++;
            }
            return n;
          }
        });
  }

  @Override
  public Optional<InventoryItem> get(InventoryVector vector) {
    return db.with(
        "read object " + vector,
        c -> {
          PreparedStatement ps = db.prepared(GET);
          ps.setBytes(1, vector.hash().toByteArray());
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(item(rs)) : Optional.<InventoryItem>empty();
          }
        });
  }

  @Override
  public VectorPage unexpiredVectors(long stream, long nowEpochSeconds, long after, int limit) {
    return db.with(
        "list unexpired vectors of stream " + stream + " after " + after,
        c -> {
          PreparedStatement ps = db.prepared(UNEXPIRED_PAGE);
          ps.setLong(1, after);
          ps.setLong(2, stream);
          ps.setLong(3, nowEpochSeconds);
          ps.setInt(4, limit);
          List<InventoryVector> out = new ArrayList<>(Math.min(limit, 4096));
          long last = after;
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              last = rs.getLong(1);
              out.add(new InventoryVector(Bytes.of(rs.getBytes(2))));
            }
          }
          return new VectorPage(out, last);
        });
  }

  @Override
  public List<InventoryItem> byTag(long type, Bytes tag) {
    return db.with(
        "look up objects of type " + type + " by tag",
        c -> {
          PreparedStatement ps = db.prepared(BY_TAG);
          ps.setLong(1, type);
          ps.setBytes(2, tag.toByteArray());
          List<InventoryItem> out = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(item(rs));
            }
          }
          return out;
        });
  }

  private static InventoryItem item(ResultSet rs) throws SQLException {
    return item(rs, 0);
  }

  /**
   * The item in columns {@code skip + 1} to {@code skip + 6}: vector, object_type, stream, expires,
   * payload, tag.
   */
  static InventoryItem item(ResultSet rs, int skip) throws SQLException {
    byte[] tag = rs.getBytes(skip + 6);
    return new InventoryItem(
        new InventoryVector(Bytes.of(rs.getBytes(skip + 1))),
        rs.getLong(skip + 2),
        rs.getLong(skip + 3),
        rs.getLong(skip + 4),
        Bytes.of(rs.getBytes(skip + 5)),
        tag == null ? Optional.empty() : Optional.of(Bytes.of(tag)));
  }

  @Override
  public int deleteExpiredBefore(long cutoffEpochSeconds) {
    return db.with(
        "delete objects expired before " + cutoffEpochSeconds,
        c -> {
          PreparedStatement ps = db.prepared(DELETE_EXPIRED);
          ps.setLong(1, cutoffEpochSeconds);
          return ps.executeUpdate();
        });
  }

  @Override
  public long count() {
    return db.count("count objects", COUNT);
  }

  @Override
  public void close() {
    if (ownsDatabase) {
      db.close();
    }
  }
}
