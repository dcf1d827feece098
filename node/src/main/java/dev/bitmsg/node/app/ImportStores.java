package dev.bitmsg.node.app;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.crypto.KeyFactory;
import dev.bitmsg.node.migrate.ImportTargets;
import dev.bitmsg.node.store.KeySealer;
import dev.bitmsg.node.store.sqlite.SqliteClientState;
import dev.bitmsg.node.store.sqlite.SqliteDatabase;
import dev.bitmsg.node.store.sqlite.SqliteIdentityStore;
import dev.bitmsg.node.store.sqlite.SqliteKnownNodes;
import dev.bitmsg.node.store.sqlite.SqliteMailingLists;
import dev.bitmsg.node.store.sqlite.SqliteMessageImport;
import dev.bitmsg.node.store.sqlite.SqliteSenderLists;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The stores of a data directory that an import fills ({@code node.db} and the client API's {@code
 * api.db}), opened as the node opens them: private keys sealed when a key passphrase is given.
 * Closing closes them. Not thread-safe.
 */
final class ImportStores implements AutoCloseable {
  static final String API_DB = "api.db";

  private final CloseStack open;
  private final ImportTargets targets;

  private ImportStores(CloseStack open, ImportTargets targets) {
    this.open = open;
    this.targets = targets;
  }

  /** The settings of the stores: data directory, codec, key factory, key passphrase, clock. */
  record Settings(
      Path dataDir,
      AddressCodec codec,
      KeyFactory keys,
      Optional<char[]> keyPassphrase,
      Clock clock) {}

  static ImportStores open(Settings s) {
    CloseStack open = new CloseStack();
    try {
      SqliteDatabase db = open.push(SqliteDatabase.open(s.dataDir().resolve("node.db")));
      SqliteClientState state = open.push(SqliteClientState.open(s.dataDir().resolve(API_DB)));
      ImportTargets targets =
          new ImportTargets(
              SqliteIdentityStore.open(
                  db, s.codec(), s.keys(), s.keyPassphrase(), KeySealer.DEFAULT_ITERATIONS),
              new SqliteMessageImport(db),
              state,
              new SqliteKnownNodes(db, false),
              new SqliteSenderLists(db, s.clock()),
              new SqliteMailingLists(db));
      return new ImportStores(open, targets);
    } catch (RuntimeException e) {
      open.close();
      throw e;
    }
  }

  ImportTargets targets() {
    return targets;
  }

  @Override
  public void close() {
    open.close();
  }
}
