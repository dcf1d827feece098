package dev.bitmsg.node.store.sqlite;

import static dev.bitmsg.node.store.sqlite.SqliteDatabase.setOptionalText;

import dev.bitmsg.node.store.Inbox;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.wire.Bytes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@link Inbox} on the {@code inbox} table, unique by sigHash (and by msgid for imported rows).
 * Thread-safe.
 */
public final class SqliteInbox implements Inbox {
  private final SqliteDatabase db;

  public SqliteInbox(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public boolean add(InboxEntry e) {
    return db.with(
        "store received message",
        c -> {
          PreparedStatement ps =
              db.prepared(
                  "INSERT OR IGNORE INTO inbox (kind, to_address, from_address,"
                      + " encoding, message, received, sighash) VALUES (?, ?, ?, ?, ?, ?, ?)");
          ps.setString(1, e.kind().name());
          setOptionalText(ps, 2, e.to());
          ps.setString(3, e.from());
          ps.setLong(4, e.encoding());
          ps.setBytes(5, e.message().toByteArray());
          ps.setLong(6, e.received());
          ps.setBytes(7, e.sigHash().toByteArray());
          return ps.executeUpdate() == 1;
        });
  }

  @Override
  public List<InboxEntry> received() {
    return db.with(
        "list inbox",
        c -> {
          List<InboxEntry> out = new ArrayList<>();
          try (ResultSet rs =
              db.prepared(
                      "SELECT id, kind, to_address, from_address, encoding, message,"
                          + " received, sighash, msgid FROM inbox ORDER BY id")
                  .executeQuery()) {
            while (rs.next()) {
              out.add(
                  new InboxEntry(
                      rs.getLong(1),
                      OutboxEntry.Kind.valueOf(rs.getString(2)),
                      Optional.ofNullable(rs.getString(3)),
                      rs.getString(4),
                      rs.getLong(5),
                      Bytes.of(rs.getBytes(6)),
                      rs.getLong(7),
                      Bytes.of(rs.getBytes(8)),
                      Optional.ofNullable(rs.getBytes(9)).map(Bytes::of)));
            }
          }
          return out;
        });
  }

  @Override
  public long count() {
    return db.with(
        "count inbox",
        c -> {
          try (ResultSet rs = db.prepared("SELECT count(*) FROM inbox").executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Override
  public int delete(Collection<Bytes> ids) {
    return db.inTransaction(
        "delete inbox messages",
        c -> {
          PreparedStatement ps = db.prepared("DELETE FROM inbox WHERE sighash = ?1 OR msgid = ?1");
          int deleted = 0;
          for (Bytes h : ids) {
            ps.setBytes(1, h.toByteArray());
            deleted += ps.executeUpdate();
          }
          return deleted;
        });
  }
}
