package dev.bitmsg.node.app;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.AddressCrypto;
import dev.bitmsg.node.address.IniFile;
import dev.bitmsg.node.address.KeysDat;
import dev.bitmsg.node.address.KeysDatException;
import dev.bitmsg.node.address.Wif;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.migrate.KeysDatExport;
import dev.bitmsg.node.migrate.PyDataDir;
import dev.bitmsg.node.store.KeySealer;
import dev.bitmsg.node.store.StoreException;
import dev.bitmsg.node.store.sqlite.SqliteDatabase;
import dev.bitmsg.node.store.sqlite.SqliteIdentityStore;
import dev.bitmsg.node.store.sqlite.SqliteMailingLists;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bm export keysdat FILE}: a node's identities as a keys.dat PyBitmessage loads. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Export a node's data for another client",
    subcommands = {ExportCommand.KeysDatFile.class})
public final class ExportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "keysdat",
      mixinStandardHelpOptions = true,
      description = {
        "Writes the node's identities (chans, disabled ones, labels, demanded difficulty,",
        "dontsendack, mailing lists) as PyBitmessage's keys.dat. An existing FILE keeps its",
        "settings and other identities. The file holds private keys: it is made owner-only."
      })
  static final class KeysDatFile implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The keys.dat to write.")
    Path file;

    @Option(
        names = "--data",
        paramLabel = "DIR",
        description = "The node's data directory (default: ${DEFAULT-VALUE}).",
        defaultValue = "${sys:user.home}/.bitmsg/node")
    Path data;

    @Option(
        names = "--key-passphrase-file",
        paramLabel = "FILE",
        description = "The passphrase the node's keys are sealed with (first line of FILE).")
    Path keyPassphraseFile;

    private int fail(String message) {
      spec.commandLine().getErr().println("error: " + message);
      spec.commandLine().getErr().flush();
      return 1;
    }

    @Override
    public Integer call() {
      Path db = data.resolve("node.db");
      if (!Files.isRegularFile(db)) {
        return fail(data + " has no node database (node.db)");
      }
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null && DataDirLock.heldElsewhere(dir.resolve(PyDataDir.LOCK))) {
        return fail("PyBitmessage is running on " + dir + ": stop it first (it rewrites keys.dat)");
      }
      try {
        Optional<char[]> passphrase = Optional.empty();
        if (keyPassphraseFile != null) {
          List<String> lines = Files.readAllLines(keyPassphraseFile, StandardCharsets.UTF_8);
          if (lines.isEmpty() || lines.get(0).isEmpty()) {
            return fail("key passphrase file " + keyPassphraseFile + " is empty");
          }
          passphrase = Optional.of(lines.get(0).toCharArray());
        }
        CryptoSuite crypto = BcCryptoSuite.create();
        AddressCodec codec = new AddressCodec(crypto.hashes());
        KeysDat keysDat =
            new KeysDat(
                codec,
                new AddressCrypto(crypto.hashes(), crypto.keys()),
                crypto.keys(),
                new Wif(crypto.hashes()));
        IniFile into = Files.isRegularFile(file) ? IniFile.load(file) : IniFile.empty();
        IniFile out;
        int count;
        try (SqliteDatabase database = SqliteDatabase.open(db)) {
          SqliteIdentityStore identities =
              SqliteIdentityStore.open(
                  database, codec, crypto.keys(), passphrase, KeySealer.DEFAULT_ITERATIONS);
          out =
              new KeysDatExport(keysDat, codec)
                  .export(into, identities, new SqliteMailingLists(database));
          count = identities.identities().size();
        }
        out.save(file);
        spec.commandLine().getOut().println("wrote " + count + " identities to " + file);
        spec.commandLine().getOut().flush();
        return 0;
      } catch (KeysDatException | StoreException e) {
        return fail(String.valueOf(e.getMessage()));
      } catch (IOException e) {
        return fail("cannot write " + file + ": " + e.getMessage());
      }
    }
  }
}
