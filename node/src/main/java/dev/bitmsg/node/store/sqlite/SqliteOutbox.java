package dev.bitmsg.node.store.sqlite;

import static dev.bitmsg.node.store.sqlite.SqliteDatabase.setOptionalText;

import dev.bitmsg.node.store.Outbox;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.wire.Bytes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link Outbox} on the {@code outbox} and {@code status_history} tables. Every status change is
 * written together with its history row in one transaction. Listings by status and lookups by ack
 * data or row read through indexes; opening creates the ones the first schema lacked ({@code
 * outbox_ackdata}, {@code status_history_outbox}, which also serves the cascade of a deleted row,
 * and {@code outbox_sent}, {@code outbox_from} for the sent folder in its order, all or by sender)
 * with {@code CREATE INDEX IF NOT EXISTS}, indexes only, no schema step. Thread-safe.
 */
public final class SqliteOutbox implements Outbox {
  private static final String OUT_COLUMNS =
      "id, kind, from_address, to_address, encoding, message,"
          + " ttl, ackdata, status, status_time, created, retries, sleep_till, pow_by, solved, detail,"
          + " trashed, stopped_from, msgid";

  /** The sent folder's order, PyBitmessage's: by last action time, then as stored. */
  private static final String SENT_ORDER = "status_time, id";

  /** The statuses of {@link SendStatus#isFinal()}: enum names, so the SQL stays a constant. */
  private static final String FINAL_STATUSES =
      "("
          + Arrays.stream(SendStatus.values())
              .filter(SendStatus::isFinal)
              .map(st -> "'" + st.name() + "'")
              .collect(Collectors.joining(", "))
          + ")";

  private final SqliteDatabase db;

  public SqliteOutbox(SqliteDatabase db) {
    this.db = db;
    db.with(
        "index outbox by ack data and history by row",
        c -> {
          for (String sql :
              List.of(
                  "CREATE INDEX IF NOT EXISTS outbox_ackdata ON outbox (ackdata)"
                      + " WHERE ackdata IS NOT NULL",
                  "CREATE INDEX IF NOT EXISTS status_history_outbox"
                      + " ON status_history (outbox_id)",
                  "CREATE INDEX IF NOT EXISTS outbox_sent ON outbox (status_time, id)"
                      + " WHERE trashed = 0",
                  "CREATE INDEX IF NOT EXISTS outbox_from"
                      + " ON outbox (from_address, status_time, id) WHERE trashed = 0")) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              ps.execute();
            }
          }
          return true;
        });
  }

  @Override
  public long add(OutboxEntry e) {
    return db.inTransaction("queue message", c -> insert(e, SendStatus.QUEUED));
  }

  /**
   * Stores {@code entries} with the status each has (rather than {@code QUEUED}) and that status as
   * their only history, in one transaction: bulk loading (an import, the mailbox benchmark).
   * Returns their ids.
   */
  public List<Long> addAll(Collection<OutboxEntry> entries) {
    return db.inTransaction(
        "store sent messages",
        c -> {
          List<Long> ids = new ArrayList<>(entries.size());
          for (OutboxEntry e : entries) {
            ids.add(insert(e, e.status()));
          }
          return ids;
        });
  }

  private long insert(OutboxEntry e, SendStatus status) throws SQLException {
    PreparedStatement ps =
        db.prepared(
            "INSERT INTO outbox (kind, from_address, to_address,"
                + " encoding, message, ttl, ackdata, status, status_time, created)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ps.setString(1, e.kind().name());
    ps.setString(2, e.from());
    setOptionalText(ps, 3, e.to());
    ps.setLong(4, e.encoding());
    ps.setBytes(5, e.message().toByteArray());
    ps.setLong(6, e.ttl());
    if (e.ackData().isPresent()) {
      ps.setBytes(7, e.ackData().get().toByteArray());
    } else {
      ps.setNull(7, Types.BLOB);
    }
    ps.setString(8, status.name());
    ps.setLong(9, e.created());
    ps.setLong(10, e.created());
    ps.executeUpdate();
    long id;
    try (ResultSet rs = db.prepared("SELECT last_insert_rowid()").executeQuery()) {
      rs.next();
      id = rs.getLong(1);
    }
    history(id, status, e.created());
    return id;
  }

  private void history(long id, SendStatus status, long at) throws SQLException {
    PreparedStatement h =
        db.prepared("INSERT INTO status_history (outbox_id, status, at) VALUES (?, ?, ?)");
    h.setLong(1, id);
    h.setString(2, status.name());
    h.setLong(3, at);
    h.executeUpdate();
  }

  @Override
  public Optional<OutboxEntry> get(long id) {
    return db.with(
        "get outbox row",
        c -> {
          PreparedStatement ps = db.prepared("SELECT " + OUT_COLUMNS + " FROM outbox WHERE id = ?");
          ps.setLong(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(outRow(rs)) : Optional.<OutboxEntry>empty();
          }
        });
  }

  @Override
  public List<OutboxEntry> all() {
    return db.with(
        "list outbox",
        c -> {
          List<OutboxEntry> out = new ArrayList<>();
          try (ResultSet rs =
              db.prepared("SELECT " + OUT_COLUMNS + " FROM outbox ORDER BY id").executeQuery()) {
            while (rs.next()) {
              out.add(outRow(rs));
            }
          }
          return out;
        });
  }

  @Override
  public List<RowId> sentIds() {
    return db.with(
        "list sent ids",
        c -> {
          List<RowId> out = new ArrayList<>();
          try (ResultSet rs =
              db.prepared("SELECT id, msgid FROM outbox WHERE trashed = 0 ORDER BY " + SENT_ORDER)
                  .executeQuery()) {
            while (rs.next()) {
              out.add(new RowId(rs.getLong(1), Optional.ofNullable(rs.getBytes(2)).map(Bytes::of)));
            }
          }
          return out;
        });
  }

  @Override
  public List<OutboxEntry> sentFolder() {
    return db.with(
        "list sent folder",
        c ->
            rows(
                db.prepared(
                    "SELECT "
                        + OUT_COLUMNS
                        + " FROM outbox WHERE trashed = 0 ORDER BY "
                        + SENT_ORDER)));
  }

  @Override
  public List<OutboxEntry> sentFrom(String address) {
    return db.with(
        "list sent folder by sender",
        c -> {
          PreparedStatement ps =
              db.prepared(
                  "SELECT "
                      + OUT_COLUMNS
                      + " FROM outbox WHERE trashed = 0 AND from_address = ? ORDER BY "
                      + SENT_ORDER);
          ps.setString(1, address);
          return rows(ps);
        });
  }

  @Override
  public Optional<OutboxEntry> byMsgid(Bytes msgid) {
    return db.with(
        "find outbox row by msgid",
        c -> {
          PreparedStatement ps =
              db.prepared("SELECT " + OUT_COLUMNS + " FROM outbox WHERE msgid = ?");
          ps.setBytes(1, msgid.toByteArray());
          return rows(ps).stream().findFirst();
        });
  }

  private static List<OutboxEntry> rows(PreparedStatement ps) throws SQLException {
    List<OutboxEntry> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(outRow(rs));
      }
    }
    return out;
  }

  @Override
  public Optional<OutboxEntry> byAckData(Bytes ackData) {
    return db.with(
        "find outbox row by ack data",
        c -> {
          PreparedStatement ps =
              db.prepared("SELECT " + OUT_COLUMNS + " FROM outbox WHERE ackdata = ? ORDER BY id");
          ps.setBytes(1, ackData.toByteArray());
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(outRow(rs)) : Optional.<OutboxEntry>empty();
          }
        });
  }

  /**
   * The rows in {@code statuses}, read through the status index: the sender loop asks for its few
   * due rows every interval, and a large sent folder must not be read for them.
   */
  @Override
  public List<OutboxEntry> withStatus(Set<SendStatus> statuses) {
    return byStatus(statuses, "");
  }

  /** As {@link #withStatus}, less the trashed rows, in the same query. */
  @Override
  public List<OutboxEntry> toSend(Set<SendStatus> statuses) {
    return byStatus(statuses, " AND trashed = 0");
  }

  private List<OutboxEntry> byStatus(Set<SendStatus> statuses, String andWhere) {
    if (statuses.isEmpty()) {
      return List.of();
    }
    // Enum names only, in declaration order: one cached statement per distinct set.
    String in =
        statuses.stream()
            .sorted()
            .map(st -> "'" + st.name() + "'")
            .collect(Collectors.joining(", "));
    return db.with(
        "list outbox by status",
        c ->
            rows(
                db.prepared(
                    "SELECT "
                        + OUT_COLUMNS
                        + " FROM outbox WHERE status IN ("
                        + in
                        + ")"
                        + andWhere
                        + " ORDER BY id")));
  }

  @Override
  public Map<SendStatus, Long> countByStatus() {
    return db.with(
        "count outbox by status",
        c -> {
          Map<SendStatus, Long> out = new EnumMap<>(SendStatus.class);
          try (ResultSet rs =
              db.prepared("SELECT status, count(*) FROM outbox GROUP BY status").executeQuery()) {
            while (rs.next()) {
              out.put(SendStatus.valueOf(rs.getString(1)), rs.getLong(2));
            }
          }
          return out;
        });
  }

  private static OutboxEntry outRow(ResultSet rs) throws SQLException {
    byte[] ack = rs.getBytes(8);
    byte[] solved = rs.getBytes(15);
    return new OutboxEntry(
        rs.getLong(1),
        OutboxEntry.Kind.valueOf(rs.getString(2)),
        rs.getString(3),
        Optional.ofNullable(rs.getString(4)),
        rs.getLong(5),
        Bytes.of(rs.getBytes(6)),
        rs.getLong(7),
        Optional.ofNullable(ack).map(Bytes::of),
        SendStatus.valueOf(rs.getString(9)),
        rs.getLong(10),
        rs.getLong(11),
        rs.getInt(12),
        rs.getLong(13),
        Optional.ofNullable(rs.getString(14)),
        Optional.ofNullable(solved).map(Bytes::of),
        Optional.ofNullable(rs.getString(16)),
        rs.getInt(17) == 1,
        Optional.ofNullable(rs.getString(18)).map(SendStatus::valueOf),
        Optional.ofNullable(rs.getBytes(19)).map(Bytes::of));
  }

  @Override
  public void setStatus(long id, SendStatus status, long now, Optional<String> detail) {
    db.inTransaction(
        "set status",
        c -> {
          // A stopped row (given up or cancelled) stays stopped, also against a sender that read
          // it just before.
          PreparedStatement ps =
              db.prepared(
                  "UPDATE outbox SET status = ?, status_time = ?, detail = ? WHERE id = ?"
                      + " AND status NOT IN ('FAILED', 'CANCELLED')");
          ps.setString(1, status.name());
          ps.setLong(2, now);
          setOptionalText(ps, 3, detail);
          ps.setLong(4, id);
          int rows = ps.executeUpdate();
          if (rows == 1) {
            history(id, status, now);
          }
          return rows;
        });
  }

  @Override
  public void saveSolved(long id, Bytes object, String powBy) {
    db.with(
        "save solved object",
        c -> {
          PreparedStatement ps =
              db.prepared(
                  "UPDATE outbox SET solved = ?, pow_by = ? WHERE id = ? AND status NOT IN "
                      + FINAL_STATUSES);
          ps.setBytes(1, object.toByteArray());
          ps.setString(2, powBy);
          ps.setLong(3, id);
          return ps.executeUpdate();
        });
  }

  @Override
  public void markSent(long id, SendStatus status, int retries, long sleepTill, long now) {
    db.inTransaction(
        "mark sent",
        c -> {
          // An ack can overtake the bookkeeping of the send, a cancel the end of its work: never
          // step back from a final status.
          PreparedStatement ps =
              db.prepared(
                  "UPDATE outbox SET status = ?, status_time = ?, retries = ?,"
                      + " sleep_till = ?, solved = NULL, detail = NULL WHERE id = ? AND status NOT IN "
                      + FINAL_STATUSES);
          ps.setString(1, status.name());
          ps.setLong(2, now);
          ps.setInt(3, retries);
          ps.setLong(4, sleepTill);
          ps.setLong(5, id);
          int rows = ps.executeUpdate();
          if (rows == 1) {
            history(id, status, now);
          } else {
            PreparedStatement clear =
                db.prepared("UPDATE outbox SET solved = NULL, retries = ? WHERE id = ?");
            clear.setInt(1, retries);
            clear.setLong(2, id);
            clear.executeUpdate();
          }
          return rows;
        });
  }

  @Override
  public void markAwaiting(long id, int retries, long sleepTill, long now) {
    markSent(id, SendStatus.AWAITING_PUBKEY, retries, sleepTill, now);
  }

  @Override
  public int requeueInterrupted(long now) {
    return db.inTransaction(
        "requeue interrupted",
        c -> {
          List<Long> ids = new ArrayList<>();
          PreparedStatement q = db.prepared("SELECT id FROM outbox WHERE status = ?");
          q.setString(1, SendStatus.DOING_POW.name());
          try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getLong(1));
            }
          }
          PreparedStatement ps =
              db.prepared("UPDATE outbox SET status = ?, status_time = ? WHERE id = ?");
          for (long id : ids) {
            ps.setString(1, SendStatus.QUEUED.name());
            ps.setLong(2, now);
            ps.setLong(3, id);
            ps.executeUpdate();
            history(id, SendStatus.QUEUED, now);
          }
          return ids.size();
        });
  }

  @Override
  public List<Change> history(long id) {
    return db.with(
        "status history",
        c -> {
          PreparedStatement ps =
              db.prepared(
                  "SELECT status, at FROM status_history WHERE outbox_id = ? ORDER BY rowid");
          ps.setLong(1, id);
          List<Change> out = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(new Change(SendStatus.valueOf(rs.getString(1)), rs.getLong(2)));
            }
          }
          return out;
        });
  }

  @Override
  public boolean stop(long id, SendStatus end, long now, String detail) {
    if (!end.isFinal()) {
      throw new IllegalArgumentException("not an end status: " + end);
    }
    return db.inTransaction(
        "stop sending",
        c -> {
          PreparedStatement ps =
              db.prepared(
                  "UPDATE outbox SET stopped_from = status, status = ?, status_time = ?,"
                      + " detail = ?, solved = NULL WHERE id = ? AND status NOT IN "
                      + FINAL_STATUSES);
          ps.setString(1, end.name());
          ps.setLong(2, now);
          ps.setString(3, detail);
          ps.setLong(4, id);
          boolean stopped = ps.executeUpdate() == 1;
          if (stopped) {
            history(id, end, now);
          }
          return stopped;
        });
  }

  @Override
  public boolean setTrashed(long id, boolean trashed) {
    return db.with(
        "trash outbox row",
        c -> {
          PreparedStatement ps = db.prepared("UPDATE outbox SET trashed = ? WHERE id = ?");
          ps.setInt(1, trashed ? 1 : 0);
          ps.setLong(2, id);
          return ps.executeUpdate() == 1;
        });
  }

  @Override
  public Set<Long> deleteTrashed() {
    return db.inTransaction(
        "delete trashed outbox rows",
        c -> {
          Set<Long> ids = new HashSet<>();
          PreparedStatement q =
              db.prepared("SELECT id FROM outbox WHERE trashed = 1 AND status <> 'DOING_POW'");
          try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getLong(1));
            }
          }
          PreparedStatement ps = db.prepared("DELETE FROM outbox WHERE id = ?");
          for (long id : ids) {
            ps.setLong(1, id);
            ps.executeUpdate(); // status_history rows go with it (ON DELETE CASCADE)
          }
          return ids;
        });
  }
}
