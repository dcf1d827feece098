package dev.bitmsg.node.store.sqlite;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.BitmessageAddress;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.crypto.KeyFactory;
import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.node.store.IdentityStore;
import dev.bitmsg.node.store.KeySealer;
import dev.bitmsg.node.store.StoreException;
import dev.bitmsg.pow.Difficulty;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link IdentityStore} on the {@code identities}, {@code subscriptions} and {@code key_vault}
 * tables. With a key passphrase, private keys are sealed by a {@link KeySealer}; the vault row
 * holds the salt, the iteration count and a sealed check value that tells a wrong passphrase apart.
 * Setting a passphrase on a store with plain keys seals them in one transaction. Thread-safe.
 */
public final class SqliteIdentityStore implements IdentityStore {
  private static final byte[] CHECK = "bitmsg key vault".getBytes(StandardCharsets.US_ASCII);
  private static final String COLUMNS =
      "address, label, enabled, chan, ntpb, extra, signing_key, encryption_key, sealed, send_acks";

  private final SqliteDatabase db;
  private final AddressCodec codec;
  private final KeyFactory keys;
  private final Optional<KeySealer> sealer;

  private SqliteIdentityStore(
      SqliteDatabase db, AddressCodec codec, KeyFactory keys, Optional<KeySealer> sealer) {
    this.db = db;
    this.codec = codec;
    this.keys = keys;
    this.sealer = sealer;
  }

  /**
   * Opens the store. A store that has a vault needs {@code passphrase}; a store without one gets a
   * vault (and its keys sealed) when a passphrase is given.
   *
   * @throws StoreException for a missing or wrong passphrase
   */
  public static SqliteIdentityStore open(
      SqliteDatabase db,
      AddressCodec codec,
      KeyFactory keys,
      Optional<char[]> passphrase,
      int iterations) {
    Optional<KeySealer> sealer =
        db.inTransaction(
            "open key vault",
            c -> {
              try (PreparedStatement ps =
                      c.prepareStatement("SELECT salt, iterations, check_blob FROM key_vault");
                  ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                  if (passphrase.isEmpty()) {
                    throw new StoreException(
                        "the private keys are sealed: a key passphrase is required");
                  }
                  KeySealer s = KeySealer.derive(passphrase.get(), rs.getBytes(1), rs.getInt(2));
                  if (!Arrays.equals(CHECK, s.open(rs.getBytes(3)))) {
                    throw new StoreException("wrong key passphrase");
                  }
                  return Optional.of(s);
                }
              }
              if (passphrase.isEmpty()) {
                return Optional.<KeySealer>empty();
              }
              byte[] salt = new byte[16];
              new SecureRandom().nextBytes(salt);
              KeySealer s = KeySealer.derive(passphrase.get(), salt, iterations);
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO key_vault (id, salt, iterations, check_blob) VALUES (1, ?, ?, ?)")) {
                ps.setBytes(1, salt);
                ps.setInt(2, iterations);
                ps.setBytes(3, s.seal(CHECK));
                ps.executeUpdate();
              }
              List<Object[]> plain = new ArrayList<>();
              try (PreparedStatement ps =
                      c.prepareStatement(
                          "SELECT address, signing_key, encryption_key FROM identities WHERE sealed = 0");
                  ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  plain.add(new Object[] {rs.getString(1), rs.getBytes(2), rs.getBytes(3)});
                }
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE identities SET signing_key = ?, encryption_key = ?, sealed = 1 WHERE address = ?")) {
                for (Object[] row : plain) {
                  ps.setBytes(1, s.seal((byte[]) row[1]));
                  ps.setBytes(2, s.seal((byte[]) row[2]));
                  ps.setString(3, (String) row[0]);
                  ps.executeUpdate();
                }
              }
              return Optional.of(s);
            });
    return new SqliteIdentityStore(db, codec, keys, sealer);
  }

  /** Whether private keys are sealed at rest. */
  public boolean sealed() {
    return sealer.isPresent();
  }

  @Override
  public void put(Identity id, long created) {
    String address = codec.encode(id.address());
    byte[] sk = id.signing().privateKey().bytes();
    byte[] ek = id.encryption().privateKey().bytes();
    db.with(
        "store identity " + address,
        c -> {
          PreparedStatement ps =
              db.prepared(
                  "INSERT INTO identities ("
                      + COLUMNS
                      + ", created)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (address) DO UPDATE SET"
                      + " label = excluded.label, enabled = excluded.enabled, chan = excluded.chan,"
                      + " ntpb = excluded.ntpb, extra = excluded.extra,"
                      + " send_acks = excluded.send_acks");
          ps.setString(1, address);
          ps.setString(2, id.label());
          ps.setInt(3, id.enabled() ? 1 : 0);
          ps.setInt(4, id.chan() ? 1 : 0);
          ps.setLong(5, id.difficulty().nonceTrialsPerByte());
          ps.setLong(6, id.difficulty().payloadLengthExtraBytes());
          ps.setBytes(7, sealer.map(s -> s.seal(sk)).orElse(sk));
          ps.setBytes(8, sealer.map(s -> s.seal(ek)).orElse(ek));
          ps.setInt(9, sealer.isPresent() ? 1 : 0);
          ps.setInt(10, id.sendAcks() ? 1 : 0);
          ps.setLong(11, created);
          return ps.executeUpdate();
        });
  }

  @Override
  public List<Identity> identities() {
    return db.with(
        "list identities",
        c -> {
          List<Identity> out = new ArrayList<>();
          try (ResultSet rs =
              db.prepared("SELECT " + COLUMNS + " FROM identities ORDER BY created, address")
                  .executeQuery()) {
            while (rs.next()) {
              out.add(row(rs));
            }
          }
          return out;
        });
  }

  @Override
  public Optional<Identity> identity(String address) {
    return db.with(
        "get identity",
        c -> {
          PreparedStatement ps =
              db.prepared("SELECT " + COLUMNS + " FROM identities WHERE address = ?");
          ps.setString(1, address);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row(rs)) : Optional.<Identity>empty();
          }
        });
  }

  private Identity row(ResultSet rs) throws SQLException {
    BitmessageAddress a = codec.decode(rs.getString(1));
    boolean isSealed = rs.getInt(9) == 1;
    if (isSealed && sealer.isEmpty()) {
      throw new StoreException(
          "identity " + rs.getString(1) + " is sealed but no passphrase is set");
    }
    byte[] sk = isSealed ? sealer.get().open(rs.getBytes(7)) : rs.getBytes(7);
    byte[] ek = isSealed ? sealer.get().open(rs.getBytes(8)) : rs.getBytes(8);
    return new Identity(
        a,
        keys.keyPair(PrivateKey.of(sk)),
        keys.keyPair(PrivateKey.of(ek)),
        rs.getString(2),
        new Difficulty(rs.getLong(5), rs.getLong(6)),
        rs.getInt(3) == 1,
        rs.getInt(4) == 1,
        rs.getInt(10) == 1);
  }

  @Override
  public boolean delete(String address) {
    return db.with(
        "delete identity",
        c -> {
          PreparedStatement ps = db.prepared("DELETE FROM identities WHERE address = ?");
          ps.setString(1, address);
          return ps.executeUpdate() == 1;
        });
  }

  @Override
  public OptionalLong pubkeySent(String address) {
    return db.with(
        "pubkey sent",
        c -> {
          PreparedStatement ps =
              db.prepared("SELECT pubkey_sent FROM identities WHERE address = ?");
          ps.setString(1, address);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              long v = rs.getLong(1);
              return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
            }
            return OptionalLong.empty();
          }
        });
  }

  @Override
  public void markPubkeySent(String address, long when) {
    db.with(
        "mark pubkey sent",
        c -> {
          PreparedStatement ps =
              db.prepared(
                  "UPDATE identities SET pubkey_sent = ?, publish_pending = 0 WHERE address = ?");
          ps.setLong(1, when);
          ps.setString(2, address);
          return ps.executeUpdate();
        });
  }

  @Override
  public void markPublishPending(String address) {
    db.with(
        "mark publish pending",
        c -> {
          PreparedStatement ps =
              db.prepared("UPDATE identities SET publish_pending = 1 WHERE address = ?");
          ps.setString(1, address);
          return ps.executeUpdate();
        });
  }

  @Override
  public List<String> publishPending() {
    return db.with(
        "pending publications",
        c -> {
          List<String> out = new ArrayList<>();
          try (ResultSet rs =
              db.prepared("SELECT address FROM identities WHERE publish_pending = 1")
                  .executeQuery()) {
            while (rs.next()) {
              out.add(rs.getString(1));
            }
          }
          return out;
        });
  }

  @Override
  public void subscribe(Subscription s, long created) {
    db.with(
        "subscribe",
        c -> {
          PreparedStatement ps =
              db.prepared(
                  "INSERT INTO subscriptions (address, label, enabled, created)"
                      + " VALUES (?, ?, ?, ?) ON CONFLICT (address) DO UPDATE SET label = excluded.label,"
                      + " enabled = excluded.enabled");
          ps.setString(1, s.address());
          ps.setString(2, s.label());
          ps.setInt(3, s.enabled() ? 1 : 0);
          ps.setLong(4, created);
          return ps.executeUpdate();
        });
  }

  @Override
  public boolean unsubscribe(String address) {
    return db.with(
        "unsubscribe",
        c -> {
          PreparedStatement ps = db.prepared("DELETE FROM subscriptions WHERE address = ?");
          ps.setString(1, address);
          return ps.executeUpdate() == 1;
        });
  }

  @Override
  public List<Subscription> subscriptions() {
    return db.with(
        "list subscriptions",
        c -> {
          List<Subscription> out = new ArrayList<>();
          try (ResultSet rs =
              db.prepared("SELECT address, label, enabled FROM subscriptions ORDER BY created")
                  .executeQuery()) {
            while (rs.next()) {
              out.add(new Subscription(rs.getString(1), rs.getString(2), rs.getInt(3) == 1));
            }
          }
          return out;
        });
  }
}
