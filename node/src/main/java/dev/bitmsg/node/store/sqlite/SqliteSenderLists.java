package dev.bitmsg.node.store.sqlite;

import dev.bitmsg.node.store.SenderList;
import dev.bitmsg.node.store.SenderLists;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SenderLists} on the {@code sender_lists} and {@code sender_list_mode} tables (schema step
 * 6). Thread-safe.
 */
public final class SqliteSenderLists implements SenderLists {
  private final SqliteDatabase db;
  private final Clock clock;

  public SqliteSenderLists(SqliteDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public SenderList mode() {
    return db.with(
        "read sender list mode",
        c -> {
          try (ResultSet rs =
              db.prepared("SELECT mode FROM sender_list_mode WHERE id = 1").executeQuery()) {
            return rs.next() ? SenderList.parse(rs.getString(1)) : SenderList.BLACK;
          }
        });
  }

  @Override
  public void setMode(SenderList mode) {
    db.with(
        "set sender list mode",
        c -> {
          PreparedStatement ps =
              db.prepared(
                  "INSERT INTO sender_list_mode (id, mode) VALUES (1, ?)"
                      + " ON CONFLICT (id) DO UPDATE SET mode = excluded.mode");
          ps.setString(1, mode.word());
          return ps.executeUpdate();
        });
  }

  @Override
  public boolean add(Entry e) {
    return db.with(
        "add to " + e.list().word() + "list",
        c -> {
          PreparedStatement ps =
              db.prepared(
                  "INSERT OR IGNORE INTO sender_lists (list, address, label, enabled, created)"
                      + " VALUES (?, ?, ?, ?, ?)");
          ps.setString(1, e.list().word());
          ps.setString(2, e.address());
          ps.setString(3, e.label());
          ps.setInt(4, e.enabled() ? 1 : 0);
          ps.setLong(5, clock.instant().getEpochSecond());
          return ps.executeUpdate() == 1;
        });
  }

  @Override
  public boolean remove(SenderList list, String address) {
    return db.with(
        "remove from " + list.word() + "list",
        c -> {
          PreparedStatement ps =
              db.prepared("DELETE FROM sender_lists WHERE list = ? AND address = ?");
          ps.setString(1, list.word());
          ps.setString(2, address);
          return ps.executeUpdate() == 1;
        });
  }

  @Override
  public boolean setEnabled(SenderList list, String address, boolean enabled) {
    return db.with(
        "enable " + list.word() + "list entry",
        c -> {
          PreparedStatement ps =
              db.prepared("UPDATE sender_lists SET enabled = ? WHERE list = ? AND address = ?");
          ps.setInt(1, enabled ? 1 : 0);
          ps.setString(2, list.word());
          ps.setString(3, address);
          return ps.executeUpdate() == 1;
        });
  }

  @Override
  public List<Entry> entries(SenderList list) {
    return db.with(
        "list " + list.word() + "list",
        c -> {
          PreparedStatement ps =
              db.prepared(
                  "SELECT address, label, enabled FROM sender_lists WHERE list = ? ORDER BY rowid");
          ps.setString(1, list.word());
          List<Entry> out = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(new Entry(list, rs.getString(1), rs.getString(2), rs.getInt(3) == 1));
            }
          }
          return out;
        });
  }

  @Override
  public boolean isListed(SenderList list, String address) {
    return db.with(
        "look up " + list.word() + "list",
        c -> {
          PreparedStatement ps =
              db.prepared(
                  "SELECT 1 FROM sender_lists WHERE list = ? AND address = ? AND enabled = 1");
          ps.setString(1, list.word());
          ps.setString(2, address);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
          }
        });
  }
}
