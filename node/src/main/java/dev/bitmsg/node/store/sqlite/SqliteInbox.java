package dev.bitmsg.node.store.sqlite;

import static dev.bitmsg.node.store.sqlite.SqliteDatabase.setOptionalText;

import dev.bitmsg.node.store.Inbox;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.wire.Bytes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@link Inbox} on the {@code inbox} table, unique by sigHash (and by msgid for imported rows).
 * Listings read only the columns they return (the id listing reads the sigHash and msgid columns
 * alone), lookups go through indexes: the unique sigHash and msgid indexes, and {@code inbox_to} on
 * the recipient, which opening creates when missing (an index only, no schema step: {@code CREATE
 * INDEX IF NOT EXISTS}). Thread-safe.
 */
public final class SqliteInbox implements Inbox {
  private static final String COLUMNS =
      "id, kind, to_address, from_address, encoding, message, received, sighash, msgid";

  private final SqliteDatabase db;

  public SqliteInbox(SqliteDatabase db) {
    this.db = db;
    db.with(
        "index inbox by recipient",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("CREATE INDEX IF NOT EXISTS inbox_to ON inbox (to_address)")) {
            return ps.execute();
          }
        });
  }

  @Override
  public boolean add(InboxEntry e) {
    return db.with("store received message", c -> insert(e));
  }

  /**
   * Stores {@code entries} as {@link #add} does, in one transaction (bulk loading: an import, the
   * mailbox benchmark); returns how many were new.
   */
  public int addAll(Collection<InboxEntry> entries) {
    return db.inTransaction(
        "store received messages",
        c -> {
          int added = 0;
          for (InboxEntry e : entries) {
            added += insert(e) ? 1 : 0;
          }
          return added;
        });
  }

  private boolean insert(InboxEntry e) throws SQLException {
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
  }

  @Override
  public List<InboxEntry> received() {
    return db.with(
        "list inbox", c -> rows(db.prepared("SELECT " + COLUMNS + " FROM inbox ORDER BY id")));
  }

  @Override
  public List<Bytes> msgids() {
    return db.with(
        "list inbox ids",
        c -> {
          List<Bytes> out = new ArrayList<>();
          try (ResultSet rs =
              db.prepared("SELECT coalesce(msgid, sighash) FROM inbox ORDER BY id")
                  .executeQuery()) {
            while (rs.next()) {
              out.add(Bytes.of(rs.getBytes(1)));
            }
          }
          return out;
        });
  }

  /**
   * An imported message's msgid first (unique index), else a signature hash of a message that has
   * no imported msgid (unique index): the msgid clients know each message by.
   */
  @Override
  public Optional<InboxEntry> find(Bytes msgid) {
    return db.with(
        "find inbox message",
        c -> {
          PreparedStatement imported =
              db.prepared("SELECT " + COLUMNS + " FROM inbox WHERE msgid = ?");
          imported.setBytes(1, msgid.toByteArray());
          Optional<InboxEntry> found = rows(imported).stream().findFirst();
          if (found.isPresent()) {
            return found;
          }
          PreparedStatement own =
              db.prepared("SELECT " + COLUMNS + " FROM inbox WHERE sighash = ? AND msgid IS NULL");
          own.setBytes(1, msgid.toByteArray());
          return rows(own).stream().findFirst();
        });
  }

  @Override
  public List<InboxEntry> receivedBy(String to) {
    return db.with(
        "list inbox by recipient",
        c -> {
          PreparedStatement ps =
              db.prepared("SELECT " + COLUMNS + " FROM inbox WHERE to_address = ? ORDER BY id");
          ps.setString(1, to);
          return rows(ps);
        });
  }

  private static List<InboxEntry> rows(PreparedStatement ps) throws SQLException {
    List<InboxEntry> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
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
