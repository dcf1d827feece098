package dev.bitmsg.node.store.sqlite;

import dev.bitmsg.node.store.MailingLists;
import dev.bitmsg.node.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link MailingLists} on the {@code mailing_lists} table (schema step 6), whose rows go with their
 * identity ({@code ON DELETE CASCADE}). Thread-safe.
 */
public final class SqliteMailingLists implements MailingLists {
  private final SqliteDatabase db;

  public SqliteMailingLists(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Optional<String> name(String address) {
    return db.with(
        "read mailing list",
        c -> {
          PreparedStatement ps = db.prepared("SELECT name FROM mailing_lists WHERE address = ?");
          ps.setString(1, address);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
          }
        });
  }

  @Override
  public void set(String address, Optional<String> name) {
    db.inTransaction(
        "set mailing list " + address,
        c -> {
          PreparedStatement own = db.prepared("SELECT 1 FROM identities WHERE address = ?");
          own.setString(1, address);
          try (ResultSet rs = own.executeQuery()) {
            if (!rs.next()) {
              throw new StoreException("no own identity " + address);
            }
          }
          if (name.isEmpty()) {
            PreparedStatement ps = db.prepared("DELETE FROM mailing_lists WHERE address = ?");
            ps.setString(1, address);
            return ps.executeUpdate();
          }
          PreparedStatement ps =
              db.prepared(
                  "INSERT INTO mailing_lists (address, name) VALUES (?, ?)"
                      + " ON CONFLICT (address) DO UPDATE SET name = excluded.name");
          ps.setString(1, address);
          ps.setString(2, name.get());
          return ps.executeUpdate();
        });
  }

  @Override
  public Map<String, String> all() {
    return db.with(
        "list mailing lists",
        c -> {
          Map<String, String> out = new LinkedHashMap<>();
          try (ResultSet rs =
              db.prepared("SELECT address, name FROM mailing_lists ORDER BY rowid")
                  .executeQuery()) {
            while (rs.next()) {
              out.put(rs.getString(1), rs.getString(2));
            }
          }
          return out;
        });
  }
}
