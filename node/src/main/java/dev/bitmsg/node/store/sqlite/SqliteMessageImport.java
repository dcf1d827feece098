package dev.bitmsg.node.store.sqlite;

import static dev.bitmsg.node.store.sqlite.SqliteDatabase.setOptionalText;

import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.MessageImport;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.wire.Bytes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link MessageImport} on the {@code inbox}, {@code outbox} and {@code status_history} tables; the
 * unique indexes on msgid (and on the inbox's sigHash) make a second import a no-op. Thread-safe.
 */
public final class SqliteMessageImport implements MessageImport {
  private final SqliteDatabase db;

  public SqliteMessageImport(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public boolean addReceived(InboxEntry e) {
    Bytes msgid = e.msgid().orElseThrow(() -> new IllegalArgumentException("no msgid"));
    return db.with(
        "import received message",
        c -> {
          PreparedStatement ps =
              db.prepared(
                  "INSERT OR IGNORE INTO inbox (kind, to_address, from_address, encoding,"
                      + " message, received, sighash, msgid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
          ps.setString(1, e.kind().name());
          setOptionalText(ps, 2, e.to());
          ps.setString(3, e.from());
          ps.setLong(4, e.encoding());
          ps.setBytes(5, e.message().toByteArray());
          ps.setLong(6, e.received());
          ps.setBytes(7, e.sigHash().toByteArray());
          ps.setBytes(8, msgid.toByteArray());
          return ps.executeUpdate() == 1;
        });
  }

  @Override
  public OptionalLong addSent(OutboxEntry e) {
    Bytes msgid = e.msgid().orElseThrow(() -> new IllegalArgumentException("no msgid"));
    return db.inTransaction(
        "import sent message",
        c -> {
          PreparedStatement ps =
              db.prepared(
                  "INSERT OR IGNORE INTO outbox (kind, from_address, to_address, encoding,"
                      + " message, ttl, ackdata, status, status_time, created, retries,"
                      + " sleep_till, detail, trashed, msgid)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          ps.setString(1, e.kind().name());
          ps.setString(2, e.from());
          setOptionalText(ps, 3, e.to());
          ps.setLong(4, e.encoding());
          ps.setBytes(5, e.message().toByteArray());
          ps.setLong(6, e.ttl());
          setOptionalBlob(ps, 7, e.ackData());
          ps.setString(8, e.status().name());
          ps.setLong(9, e.statusTime());
          ps.setLong(10, e.created());
          ps.setInt(11, e.retries());
          ps.setLong(12, e.sleepTill());
          setOptionalText(ps, 13, e.detail());
          ps.setInt(14, e.trashed() ? 1 : 0);
          ps.setBytes(15, msgid.toByteArray());
          if (ps.executeUpdate() == 0) {
            return OptionalLong.empty();
          }
          long id;
          try (ResultSet rs = db.prepared("SELECT last_insert_rowid()").executeQuery()) {
            rs.next();
            id = rs.getLong(1);
          }
          PreparedStatement h =
              db.prepared("INSERT INTO status_history (outbox_id, status, at) VALUES (?, ?, ?)");
          h.setLong(1, id);
          h.setString(2, e.status().name());
          h.setLong(3, e.statusTime());
          h.executeUpdate();
          return OptionalLong.of(id);
        });
  }

  @Override
  public boolean hasReceived(Bytes msgid, Bytes sigHash) {
    return db.with(
        "find received message",
        c -> {
          PreparedStatement ps =
              db.prepared("SELECT 1 FROM inbox WHERE msgid = ? OR sighash = ? LIMIT 1");
          ps.setBytes(1, msgid.toByteArray());
          ps.setBytes(2, sigHash.toByteArray());
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
          }
        });
  }

  @Override
  public boolean hasSent(Bytes msgid) {
    return db.with(
        "find sent message",
        c -> {
          PreparedStatement ps = db.prepared("SELECT 1 FROM outbox WHERE msgid = ? LIMIT 1");
          ps.setBytes(1, msgid.toByteArray());
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
          }
        });
  }

  private static void setOptionalBlob(PreparedStatement ps, int i, Optional<Bytes> v)
      throws SQLException {
    if (v.isPresent()) {
      ps.setBytes(i, v.get().toByteArray());
    } else {
      ps.setNull(i, Types.BLOB);
    }
  }
}
