package dev.bitmsg.node.store.sqlite;

import dev.bitmsg.node.store.PubkeyWorkJob;
import dev.bitmsg.node.store.PubkeyWorkJobs;
import dev.bitmsg.node.wire.Bytes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link PubkeyWorkJobs} on the {@code pow_jobs} table. A partial unique index on (kind, address)
 * over the pending states makes coalescing a single {@code INSERT OR IGNORE}. Thread-safe.
 */
public final class SqlitePubkeyWorkJobs implements PubkeyWorkJobs {
  private static final String COLUMNS =
      "id, kind, address, state, reason, ttl, created, state_time,"
          + " expires, pow_by, solved, detail";
  private static final String PENDING = "state IN ('QUEUED', 'DOING_POW')";

  private final SqliteDatabase db;

  public SqlitePubkeyWorkJobs(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public long queue(PubkeyWorkJob.Kind kind, String address, String reason, long ttl, long now) {
    return db.inTransaction(
        "queue pow job",
        c -> {
          PreparedStatement ins =
              db.prepared(
                  "INSERT OR IGNORE INTO pow_jobs (kind, address, state, reason, ttl,"
                      + " created, state_time) VALUES (?, ?, 'QUEUED', ?, ?, ?, ?)");
          ins.setString(1, kind.name());
          ins.setString(2, address);
          ins.setString(3, reason);
          ins.setLong(4, ttl);
          ins.setLong(5, now);
          ins.setLong(6, now);
          ins.executeUpdate();
          PreparedStatement q =
              db.prepared("SELECT id FROM pow_jobs WHERE kind = ? AND address = ? AND " + PENDING);
          q.setString(1, kind.name());
          q.setString(2, address);
          try (ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Override
  public Optional<PubkeyWorkJob> job(long id) {
    return db.with(
        "get pow job",
        c -> {
          PreparedStatement ps = db.prepared("SELECT " + COLUMNS + " FROM pow_jobs WHERE id = ?");
          ps.setLong(1, id);
          List<PubkeyWorkJob> rows = rows(ps);
          return rows.isEmpty() ? Optional.<PubkeyWorkJob>empty() : Optional.of(rows.get(0));
        });
  }

  @Override
  public List<PubkeyWorkJob> pending() {
    return db.with(
        "pending pow jobs",
        c ->
            rows(
                db.prepared(
                    "SELECT " + COLUMNS + " FROM pow_jobs WHERE " + PENDING + " ORDER BY id")));
  }

  @Override
  public List<PubkeyWorkJob> recent(int limit) {
    return db.with(
        "list pow jobs",
        c -> {
          PreparedStatement ps =
              db.prepared("SELECT " + COLUMNS + " FROM pow_jobs ORDER BY id DESC LIMIT ?");
          ps.setInt(1, limit);
          return rows(ps);
        });
  }

  @Override
  public Optional<PubkeyWorkJob> lastSent(PubkeyWorkJob.Kind kind, String address) {
    return db.with(
        "last sent pow job",
        c -> {
          PreparedStatement ps =
              db.prepared(
                  "SELECT "
                      + COLUMNS
                      + " FROM pow_jobs WHERE kind = ? AND address = ?"
                      + " AND state = 'SENT' ORDER BY state_time DESC, id DESC LIMIT 1");
          ps.setString(1, kind.name());
          ps.setString(2, address);
          List<PubkeyWorkJob> rows = rows(ps);
          return rows.isEmpty() ? Optional.<PubkeyWorkJob>empty() : Optional.of(rows.get(0));
        });
  }

  @Override
  public void setState(long id, PubkeyWorkJob.State state, long now, Optional<String> detail) {
    db.with(
        "set pow job state",
        c -> {
          PreparedStatement ps =
              db.prepared("UPDATE pow_jobs SET state = ?, state_time = ?, detail = ? WHERE id = ?");
          ps.setString(1, state.name());
          ps.setLong(2, now);
          if (detail.isPresent()) {
            ps.setString(3, detail.get());
          } else {
            ps.setNull(3, Types.VARCHAR);
          }
          ps.setLong(4, id);
          return ps.executeUpdate();
        });
  }

  @Override
  public void saveSolved(long id, Bytes object, long expires, String powBy) {
    db.with(
        "save solved pow job",
        c -> {
          PreparedStatement ps =
              db.prepared("UPDATE pow_jobs SET solved = ?, expires = ?, pow_by = ? WHERE id = ?");
          ps.setBytes(1, object.toByteArray());
          ps.setLong(2, expires);
          ps.setString(3, powBy);
          ps.setLong(4, id);
          return ps.executeUpdate();
        });
  }

  @Override
  public void markSent(long id, long now) {
    db.with(
        "mark pow job sent",
        c -> {
          PreparedStatement ps =
              db.prepared(
                  "UPDATE pow_jobs SET state = 'SENT', state_time = ?, solved = NULL, detail = NULL WHERE id = ?");
          ps.setLong(1, now);
          ps.setLong(2, id);
          return ps.executeUpdate();
        });
  }

  @Override
  public int dropQueued(PubkeyWorkJob.Kind kind, String address, String why, long now) {
    return db.with(
        "drop queued pow jobs",
        c -> {
          PreparedStatement ps =
              db.prepared(
                  "UPDATE pow_jobs SET state = 'DROPPED', state_time = ?, detail = ?"
                      + " WHERE kind = ? AND address = ? AND state = 'QUEUED'");
          ps.setLong(1, now);
          ps.setString(2, why);
          ps.setString(3, kind.name());
          ps.setString(4, address);
          return ps.executeUpdate();
        });
  }

  @Override
  public int requeueInterrupted(long now) {
    return db.with(
        "requeue pow jobs",
        c -> {
          PreparedStatement ps =
              db.prepared(
                  "UPDATE pow_jobs SET state = 'QUEUED', state_time = ?"
                      + " WHERE state = 'DOING_POW' AND solved IS NULL");
          ps.setLong(1, now);
          return ps.executeUpdate();
        });
  }

  @Override
  public int deleteFinishedBefore(long cutoff) {
    return db.with(
        "delete finished pow jobs",
        c -> {
          PreparedStatement ps =
              db.prepared(
                  "DELETE FROM pow_jobs WHERE state IN ('SENT', 'DROPPED') AND state_time < ?");
          ps.setLong(1, cutoff);
          return ps.executeUpdate();
        });
  }

  private static List<PubkeyWorkJob> rows(PreparedStatement ps) throws SQLException {
    List<PubkeyWorkJob> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        byte[] solved = rs.getBytes(11);
        out.add(
            new PubkeyWorkJob(
                rs.getLong(1),
                PubkeyWorkJob.Kind.valueOf(rs.getString(2)),
                rs.getString(3),
                PubkeyWorkJob.State.valueOf(rs.getString(4)),
                rs.getString(5),
                rs.getLong(6),
                rs.getLong(7),
                rs.getLong(8),
                rs.getLong(9),
                Optional.ofNullable(rs.getString(10)),
                Optional.ofNullable(solved).map(Bytes::of),
                Optional.ofNullable(rs.getString(12))));
      }
    }
    return out;
  }
}
