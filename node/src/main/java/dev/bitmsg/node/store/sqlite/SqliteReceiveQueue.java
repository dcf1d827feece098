package dev.bitmsg.node.store.sqlite;

import dev.bitmsg.node.store.ReceiveQueue;
import dev.bitmsg.node.wire.InventoryVector;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@link ReceiveQueue} on the {@code receive_queue} table: one row per unprocessed inventory row,
 * added by {@link SqliteInventory} when it stores an object and deleted with the object when it
 * expires. Thread-safe.
 */
public final class SqliteReceiveQueue implements ReceiveQueue {
  private static final String AFTER =
      "SELECT q.object_id, i.vector, i.object_type, i.stream, i.expires, i.payload, i.tag"
          + " FROM receive_queue q JOIN inventory i ON i.id = q.object_id"
          + " WHERE q.object_id > ? ORDER BY q.object_id LIMIT ?";
  private static final String DONE =
      "DELETE FROM receive_queue WHERE object_id = (SELECT id FROM inventory WHERE vector = ?)";
  private static final String COUNT = "SELECT count(*) FROM receive_queue";

  private final SqliteDatabase db;

  public SqliteReceiveQueue(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public List<Pending> after(long position, int limit) {
    return db.with(
        "list objects waiting for the receiver",
        c -> {
          PreparedStatement ps = db.prepared(AFTER);
          ps.setLong(1, position);
          ps.setInt(2, limit);
          List<Pending> out = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              // The item's columns follow the position: the inventory's own row mapping, shifted.
              out.add(new Pending(rs.getLong(1), SqliteInventory.item(rs, 1)));
            }
          }
          return out;
        });
  }

  @Override
  public void done(Collection<InventoryVector> vectors) {
    if (vectors.isEmpty()) {
      return;
    }
    db.inTransaction(
        "mark " + vectors.size() + " objects processed",
        c -> {
          PreparedStatement ps = db.prepared(DONE);
          int n = 0;
          for (InventoryVector v : vectors) {
            ps.setBytes(1, v.hash().toByteArray());
            n += ps.executeUpdate();
          }
          return n;
        });
  }

  @Override
  public long size() {
    return db.count("count objects waiting for the receiver", COUNT);
  }
}
