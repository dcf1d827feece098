package dev.bitmsg.node.store.sqlite;

import dev.bitmsg.node.store.PubkeyStore;
import dev.bitmsg.node.store.StoredPubkey;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.pow.Difficulty;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** {@link PubkeyStore} on the {@code pubkeys} table. Thread-safe. */
public final class SqlitePubkeys implements PubkeyStore {
  private final SqliteDatabase db;

  public SqlitePubkeys(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public void put(StoredPubkey p) {
    db.with(
        "store pubkey",
        c -> {
          // An upsert, not INSERT OR REPLACE: a newer copy of a key keeps its used-personally mark.
          PreparedStatement ps =
              db.prepared(
                  "INSERT INTO pubkeys (address, bitfield, signing_key,"
                      + " encryption_key, ntpb, extra, received) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (address)"
                      + " DO UPDATE SET bitfield = excluded.bitfield, signing_key = excluded.signing_key,"
                      + " encryption_key = excluded.encryption_key, ntpb = excluded.ntpb, extra = excluded.extra,"
                      + " received = excluded.received");
          ps.setString(1, p.address());
          ps.setInt(2, p.bitfield());
          ps.setBytes(3, p.signingKey().toByteArray());
          ps.setBytes(4, p.encryptionKey().toByteArray());
          ps.setLong(5, p.difficulty().nonceTrialsPerByte());
          ps.setLong(6, p.difficulty().payloadLengthExtraBytes());
          ps.setLong(7, p.received());
          return ps.executeUpdate();
        });
  }

  @Override
  public Optional<StoredPubkey> get(String address) {
    return db.with(
        "get pubkey",
        c -> {
          PreparedStatement ps =
              db.prepared(
                  "SELECT address, bitfield, signing_key, encryption_key, ntpb,"
                      + " extra, received FROM pubkeys WHERE address = ?");
          ps.setString(1, address);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              return Optional.<StoredPubkey>empty();
            }
            return Optional.of(
                new StoredPubkey(
                    rs.getString(1),
                    rs.getInt(2),
                    Bytes.of(rs.getBytes(3)),
                    Bytes.of(rs.getBytes(4)),
                    new Difficulty(rs.getLong(5), rs.getLong(6)),
                    rs.getLong(7)));
          }
        });
  }

  @Override
  public void markUsed(String address) {
    db.with(
        "mark pubkey used",
        c -> {
          PreparedStatement ps =
              db.prepared("UPDATE pubkeys SET used_personally = 1 WHERE address = ?");
          ps.setString(1, address);
          return ps.executeUpdate();
        });
  }

  @Override
  public int deleteUnusedBefore(long cutoff) {
    return db.with(
        "delete unused pubkeys",
        c -> {
          PreparedStatement ps =
              db.prepared("DELETE FROM pubkeys WHERE used_personally = 0 AND received < ?");
          ps.setLong(1, cutoff);
          return ps.executeUpdate();
        });
  }
}
