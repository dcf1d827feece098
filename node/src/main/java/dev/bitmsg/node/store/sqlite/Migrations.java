package dev.bitmsg.node.store.sqlite;

import dev.bitmsg.node.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered schema steps of the node database and the runner that applies the missing ones. The
 * {@code schema_version} table holds one row per applied step; each step runs in its own
 * transaction together with its row, so a crash leaves the schema at a step boundary. A database
 * newer than this code is refused rather than guessed at. Stateless.
 */
final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  /** Every step, in order. Append only. */
  static final List<Migration> STEPS =
      List.of(
          new Migration(
              1,
              "inventory",
              List.of(
                  // A rowid table with a unique index on the vector rather than WITHOUT ROWID:
                  // rows (whole objects) are large and vectors random, so appending rows and
                  // indexing 32-byte keys writes far fewer pages per insert.
                  "CREATE TABLE inventory ("
                      + " id INTEGER PRIMARY KEY,"
                      + " vector BLOB NOT NULL UNIQUE CHECK (length(vector) = 32),"
                      + " object_type INTEGER NOT NULL,"
                      + " stream INTEGER NOT NULL,"
                      + " expires INTEGER NOT NULL,"
                      + " payload BLOB NOT NULL,"
                      + " tag BLOB"
                      + ")",
                  "CREATE INDEX inventory_stream_expires ON inventory (stream, expires)",
                  "CREATE INDEX inventory_expires ON inventory (expires)",
                  "CREATE INDEX inventory_tag ON inventory (object_type, tag) WHERE tag IS NOT NULL")),
          new Migration(
              2,
              "known nodes",
              List.of(
                  "CREATE TABLE known_nodes ("
                      + " host TEXT NOT NULL,"
                      + " port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),"
                      + " stream INTEGER NOT NULL,"
                      + " services INTEGER NOT NULL,"
                      + " last_seen INTEGER NOT NULL,"
                      + " rating REAL NOT NULL DEFAULT 0,"
                      + " PRIMARY KEY (host, port)"
                      + ")",
                  "CREATE INDEX known_nodes_stream_seen ON known_nodes (stream, last_seen)")),
          new Migration(
              3,
              "messaging",
              List.of(
                  // Private keys are sealed (AES-GCM) when key_vault has a row, else stored raw.
                  "CREATE TABLE key_vault ("
                      + " id INTEGER PRIMARY KEY CHECK (id = 1),"
                      + " salt BLOB NOT NULL,"
                      + " iterations INTEGER NOT NULL,"
                      + " check_blob BLOB NOT NULL)",
                  "CREATE TABLE identities ("
                      + " address TEXT PRIMARY KEY NOT NULL,"
                      + " label TEXT NOT NULL,"
                      + " enabled INTEGER NOT NULL,"
                      + " chan INTEGER NOT NULL,"
                      + " ntpb INTEGER NOT NULL,"
                      + " extra INTEGER NOT NULL,"
                      + " signing_key BLOB NOT NULL,"
                      + " encryption_key BLOB NOT NULL,"
                      + " sealed INTEGER NOT NULL,"
                      + " created INTEGER NOT NULL,"
                      + " pubkey_sent INTEGER,"
                      + " publish_pending INTEGER NOT NULL DEFAULT 0)",
                  "CREATE TABLE subscriptions ("
                      + " address TEXT PRIMARY KEY NOT NULL,"
                      + " label TEXT NOT NULL,"
                      + " enabled INTEGER NOT NULL,"
                      + " created INTEGER NOT NULL)",
                  "CREATE TABLE pubkeys ("
                      + " address TEXT PRIMARY KEY NOT NULL,"
                      + " bitfield INTEGER NOT NULL,"
                      + " signing_key BLOB NOT NULL CHECK (length(signing_key) = 64),"
                      + " encryption_key BLOB NOT NULL CHECK (length(encryption_key) = 64),"
                      + " ntpb INTEGER NOT NULL,"
                      + " extra INTEGER NOT NULL,"
                      + " received INTEGER NOT NULL)",
                  "CREATE TABLE outbox ("
                      + " id INTEGER PRIMARY KEY,"
                      + " kind TEXT NOT NULL,"
                      + " from_address TEXT NOT NULL,"
                      + " to_address TEXT,"
                      + " encoding INTEGER NOT NULL,"
                      + " message BLOB NOT NULL,"
                      + " ttl INTEGER NOT NULL,"
                      + " ackdata BLOB,"
                      + " status TEXT NOT NULL,"
                      + " status_time INTEGER NOT NULL,"
                      + " created INTEGER NOT NULL,"
                      + " retries INTEGER NOT NULL DEFAULT 0,"
                      + " sleep_till INTEGER NOT NULL DEFAULT 0,"
                      + " pow_by TEXT,"
                      + " solved BLOB,"
                      + " detail TEXT)",
                  "CREATE INDEX outbox_status ON outbox (status)",
                  "CREATE TABLE status_history ("
                      + " outbox_id INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,"
                      + " status TEXT NOT NULL,"
                      + " at INTEGER NOT NULL)",
                  "CREATE TABLE inbox ("
                      + " id INTEGER PRIMARY KEY,"
                      + " kind TEXT NOT NULL,"
                      + " to_address TEXT,"
                      + " from_address TEXT NOT NULL,"
                      + " encoding INTEGER NOT NULL,"
                      + " message BLOB NOT NULL,"
                      + " received INTEGER NOT NULL,"
                      + " sighash BLOB NOT NULL UNIQUE,"
                      + " read INTEGER NOT NULL DEFAULT 0)")),
          new Migration(
              4,
              "pubkey work and pubkey expiry",
              List.of(
                  // Own pubkey publications and getpubkey requests as persistent work items.
                  "CREATE TABLE pow_jobs ("
                      + " id INTEGER PRIMARY KEY,"
                      + " kind TEXT NOT NULL,"
                      + " address TEXT NOT NULL,"
                      + " state TEXT NOT NULL,"
                      + " reason TEXT NOT NULL,"
                      + " ttl INTEGER NOT NULL,"
                      + " created INTEGER NOT NULL,"
                      + " state_time INTEGER NOT NULL,"
                      + " expires INTEGER NOT NULL DEFAULT 0,"
                      + " pow_by TEXT,"
                      + " solved BLOB,"
                      + " detail TEXT)",
                  // One pending job per kind and address: duplicate requests coalesce on it.
                  "CREATE UNIQUE INDEX pow_jobs_pending ON pow_jobs (kind, address)"
                      + " WHERE state IN ('QUEUED', 'DOING_POW')",
                  "CREATE INDEX pow_jobs_sent ON pow_jobs (kind, address, state_time)",
                  "ALTER TABLE pubkeys ADD COLUMN used_personally INTEGER NOT NULL DEFAULT 0",
                  "CREATE INDEX pubkeys_unused ON pubkeys (received) WHERE used_personally = 0")),
          new Migration(
              5,
              "inventory origin",
              List.of(
                  // Where an object came from, so that relay figures survive a restart: rows
                  // stored before this step were all received (own objects were not told apart).
                  "ALTER TABLE inventory ADD COLUMN origin TEXT NOT NULL DEFAULT 'received'"
                      + " CHECK (origin IN ('received', 'own'))",
                  "CREATE INDEX inventory_own ON inventory (expires) WHERE origin = 'own'")),
          new Migration(
              6,
              "receive queue",
              List.of(
                  // Objects stored but not yet processed by the receiver: a row is added in the
                  // transaction that stores the object and removed once its effects committed, so
                  // a restart finds what a kill interrupted. Rows stored before this step were
                  // processed by the process that stored them (or lost with it).
                  "CREATE TABLE receive_queue ("
                      + " object_id INTEGER PRIMARY KEY"
                      + " REFERENCES inventory (id) ON DELETE CASCADE)")),
          new Migration(
              7,
              "sender lists, mailing lists, sent trash, msg destination hashes",
              List.of(
                  // PyBitmessage's blacklist and whitelist tables as one, and its blackwhitelist
                  // setting (no row: black).
                  "CREATE TABLE sender_lists ("
                      + " list TEXT NOT NULL CHECK (list IN ('black', 'white')),"
                      + " address TEXT NOT NULL,"
                      + " label TEXT NOT NULL,"
                      + " enabled INTEGER NOT NULL,"
                      + " created INTEGER NOT NULL,"
                      + " PRIMARY KEY (list, address))",
                  "CREATE TABLE sender_list_mode ("
                      + " id INTEGER PRIMARY KEY CHECK (id = 1),"
                      + " mode TEXT NOT NULL CHECK (mode IN ('black', 'white')))",
                  // Own addresses that re-broadcast what they receive (PyBitmessage mailinglist).
                  "CREATE TABLE mailing_lists ("
                      + " address TEXT PRIMARY KEY NOT NULL"
                      + " REFERENCES identities (address) ON DELETE CASCADE,"
                      + " name TEXT NOT NULL)",
                  // PyBitmessage's sent folder: a trashed row is never worked on again.
                  "ALTER TABLE outbox ADD COLUMN trashed INTEGER NOT NULL DEFAULT 0",
                  // The status a row was in when it was given up (failed) or cancelled.
                  "ALTER TABLE outbox ADD COLUMN stopped_from TEXT",
                  // Msgs are found by the first 32 bytes of their payload (PyBitmessage's
                  // destination hash); rows stored before carry none: take them where version and
                  // stream are one byte each (version 1, stream 1: the payload starts at byte 22).
                  "UPDATE inventory SET tag = substr(payload, 23, 32)"
                      + " WHERE object_type = 2 AND tag IS NULL AND length(payload) >= 54"
                      + " AND substr(payload, 21, 2) = x'0101'")),
          new Migration(
              8,
              "pybitmessage message ids and per-address acks",
              List.of(
                  // The msgid another client gave a message (PyBitmessage's inventory hash for
                  // received ones, its 16-byte msgid for sent ones), kept by an import so that
                  // clients holding those ids still find the rows; NULL for rows made here.
                  "ALTER TABLE inbox ADD COLUMN msgid BLOB",
                  "CREATE UNIQUE INDEX inbox_msgid ON inbox (msgid) WHERE msgid IS NOT NULL",
                  "ALTER TABLE outbox ADD COLUMN msgid BLOB",
                  "CREATE UNIQUE INDEX outbox_msgid ON outbox (msgid) WHERE msgid IS NOT NULL",
                  // PyBitmessage's per-address dontsendack, inverted.
                  "ALTER TABLE identities ADD COLUMN send_acks INTEGER NOT NULL DEFAULT 1")));

  private Migrations() {}

  /** Applies the steps above the database's current version; returns the resulting version. */
  static int migrate(Connection c, List<Migration> steps) {
    try {
      try (PreparedStatement ps =
          c.prepareStatement(
              "CREATE TABLE IF NOT EXISTS schema_version ("
                  + " version INTEGER PRIMARY KEY NOT NULL,"
                  + " description TEXT NOT NULL,"
                  + " applied_at INTEGER NOT NULL)")) {
        ps.executeUpdate();
      }
      int current = currentVersion(c);
      int latest = steps.isEmpty() ? 0 : steps.get(steps.size() - 1).version();
      if (current > latest) {
        throw new StoreException(
            "database schema version " + current + " is newer than this program's " + latest);
      }
      int expected = 1;
      for (Migration m : steps) {
        if (m.version() != expected++) {
          throw new IllegalStateException("migration steps must be numbered 1, 2, ...: " + m);
        }
        if (m.version() > current) {
          apply(c, m);
          current = m.version();
        }
      }
      return current;
    } catch (SQLException e) {
      throw new StoreException("schema migration failed", e);
    }
  }

  static int currentVersion(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT coalesce(max(version), 0) FROM schema_version");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static void apply(Connection c, Migration m) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      for (String sql : m.statements()) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.executeUpdate();
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
        ps.setInt(1, m.version());
        ps.setString(2, m.description());
        ps.setLong(3, System.currentTimeMillis() / 1000);
        ps.executeUpdate();
      }
      c.commit();
      log.info("schema step applied step={} name={}", m.version(), m.description());
    } catch (SQLException e) {
      c.rollback();
      throw new SQLException("schema step " + m.version() + " (" + m.description() + ") failed", e);
    } finally {
      c.setAutoCommit(auto);
    }
  }
}
