package dev.bitmsg.node.app;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.AddressCrypto;
import dev.bitmsg.node.address.IniFile;
import dev.bitmsg.node.address.KeysDat;
import dev.bitmsg.node.address.KeysDatException;
import dev.bitmsg.node.address.Wif;
import dev.bitmsg.node.api.ApiCredentials;
import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.migrate.ImportReport;
import dev.bitmsg.node.migrate.MessagesDat;
import dev.bitmsg.node.migrate.PyBitmessageImport;
import dev.bitmsg.node.migrate.PyDataDir;
import dev.bitmsg.node.migrate.PySettings;
import dev.bitmsg.node.store.StoreException;
import dev.bitmsg.node.store.sqlite.SqliteMessagesDat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bm import pybitmessage DIR}: moves a PyBitmessage user's data into a node. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Import another client's data into a node's data directory",
    subcommands = {ImportCommand.PyBitmessage.class})
public final class ImportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "pybitmessage",
      mixinStandardHelpOptions = true,
      description = {
        "Imports a PyBitmessage data directory (keys.dat, messages.dat, knownnodes.dat):",
        "identities with their settings, inbox and sent messages (keeping their msgids and ack",
        "data), address book, subscriptions, blacklist, whitelist, known nodes, and the settings",
        "that have an equivalent here (written to DATA/bitmsg.conf). Running it again adds",
        "nothing. Neither PyBitmessage nor a node on DATA may be running."
      })
  static final class PyBitmessage implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "PyBitmessage's data directory.")
    Path source;

    @Option(
        names = "--data",
        paramLabel = "DIR",
        description = "The node's data directory (default: ${DEFAULT-VALUE}).",
        defaultValue = "${sys:user.home}/.bitmsg/node")
    Path data;

    @Option(names = "--dry-run", description = "Report what would be imported; change nothing.")
    boolean dryRun;

    @Option(
        names = "--key-passphrase-file",
        paramLabel = "FILE",
        description = "Seal the imported private keys with the passphrase in FILE (first line).")
    Path keyPassphraseFile;

    private PrintWriter out() {
      return spec.commandLine().getOut();
    }

    private int fail(String message) {
      spec.commandLine().getErr().println("error: " + message);
      spec.commandLine().getErr().flush();
      return 1;
    }

    @Override
    public Integer call() {
      Path keysFile = source.resolve(PyDataDir.KEYS);
      if (!Files.isRegularFile(keysFile)) {
        return fail(source + " has no " + PyDataDir.KEYS + ": not a PyBitmessage data directory");
      }
      if (DataDirLock.heldElsewhere(source.resolve(PyDataDir.LOCK))) {
        return fail("PyBitmessage is running on " + source + ": stop it first");
      }
      try (DataDirLock lock = DataDirLock.acquire(data)) {
        return importInto(keysFile);
      } catch (DataDirLock.InUseException
          | KeysDatException
          | StoreException
          | IllegalArgumentException e) {
        return fail(String.valueOf(e.getMessage()));
      } catch (IOException e) {
        return fail("cannot read " + source + " or write " + data + ": " + e);
      } catch (UncheckedIOException e) {
        IOException cause = e.getCause();
        return fail(e.getMessage() + (cause == null ? "" : ": " + cause.getMessage()));
      }
    }

    private int importInto(Path keysFile) throws IOException {
      IniFile keys = IniFile.load(keysFile);
      Optional<char[]> passphrase = passphrase();
      CryptoSuite crypto = BcCryptoSuite.create();
      AddressCodec codec = new AddressCodec(crypto.hashes());
      KeysDat keysDat =
          new KeysDat(
              codec,
              new AddressCrypto(crypto.hashes(), crypto.keys()),
              crypto.keys(),
              new Wif(crypto.hashes()));
      Path messagesFile = source.resolve(PyDataDir.MESSAGES);
      Path nodesFile = source.resolve(PyDataDir.KNOWN_NODES);
      Optional<String> nodes =
          Files.isRegularFile(nodesFile)
              ? Optional.of(Files.readString(nodesFile, StandardCharsets.UTF_8))
              : Optional.empty();
      // A dry run imports into a copy of the stores, so that opening them changes nothing either.
      Path target = dryRun ? scratchCopy() : data;
      try (@Nullable MessagesDat messages =
              Files.isRegularFile(messagesFile) ? SqliteMessagesDat.open(messagesFile) : null;
          ImportStores stores =
              ImportStores.open(
                  new ImportStores.Settings(
                      target, codec, crypto.keys(), passphrase, Clock.systemUTC()))) {
        PyBitmessageImport.Result r =
            new PyBitmessageImport(keysDat, codec, Clock.systemUTC())
                .run(
                    new PyDataDir(keys, Optional.ofNullable(messages), nodes),
                    stores.targets(),
                    dryRun);
        settings(r.settings(), r.report());
        out().print(r.report().render(dryRun));
        out()
            .println(
                dryRun
                    ? "dry run: nothing was changed in " + data
                    : "imported into " + data + "; start the node with: bm node --data " + data);
        out().flush();
        return 0;
      } finally {
        if (target != data) {
          deleteTree(target);
        }
      }
    }

    /** The settings into DATA/bitmsg.conf, PyBitmessage's API login into DATA/api.conf. */
    private void settings(PySettings s, ImportReport report) throws IOException {
      String kind = "settings";
      report.expect(kind);
      ConfigFileUpdate.Outcome o =
          ConfigFileUpdate.apply(
              data.resolve("bitmsg.conf"),
              s.config(),
              source.resolve(PyDataDir.KEYS).toString(),
              dryRun);
      o.set()
          .forEach(
              line -> {
                report.added(kind);
                report.note(kind, line);
              });
      o.kept().forEach(line -> report.note(kind, "kept " + line));
      o.refused().forEach(line -> report.skipped(kind, line));
      s.skipped().forEach(line -> report.skipped(kind, line));
      if (s.apiLogin().isPresent()) {
        apiLogin(s, report, kind);
      }
    }

    private void apiLogin(PySettings s, ImportReport report, String kind) {
      PySettings.ApiLogin login = s.apiLogin().orElseThrow();
      Optional<ApiCredentials.Connection> existing = ApiCredentials.read(data);
      if (existing.isPresent() && existing.get().password().isPresent()) {
        if (!existing.get().password().get().equals(login.password())) {
          report.note(
              kind,
              "kept the API password in "
                  + data.resolve(ApiCredentials.FILE)
                  + " (PyBitmessage's apipassword differs; give --api-password to use it)");
        }
        return;
      }
      String api =
          s.config().stream()
              .filter(v -> v.key().equals("api"))
              .map(PySettings.ConfigValue::value)
              .findFirst()
              .orElse("127.0.0.1:" + ApiSettings.DEFAULT_PORT);
      ApiSettings.Variant variant =
          ApiSettings.Variant.parse(
              s.config().stream()
                  .filter(v -> v.key().equals("api-variant"))
                  .map(PySettings.ConfigValue::value)
                  .findFirst()
                  .orElse("xml"));
      if (!dryRun) {
        ApiCredentials.write(
            data,
            new ApiCredentials.Connection(
                "http://" + api + "/", login.user(), Optional.of(login.password()), variant));
      }
      report.note(kind, "API user and password stored in " + data.resolve(ApiCredentials.FILE));
    }

    private Optional<char[]> passphrase() throws IOException {
      if (keyPassphraseFile == null) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(keyPassphraseFile, StandardCharsets.UTF_8);
      if (lines.isEmpty() || lines.get(0).isEmpty()) {
        throw new IllegalArgumentException(
            "key passphrase file " + keyPassphraseFile + " is empty");
      }
      return Optional.of(lines.get(0).toCharArray());
    }

    /** A temporary directory with copies of the node's database files (those that exist). */
    private Path scratchCopy() throws IOException {
      Path dir = Files.createTempDirectory("bitmsg-import-dry-run");
      for (String name : List.of("node.db", "node.db-wal", "api.db", "api.db-wal")) {
        Path f = data.resolve(name);
        if (Files.isRegularFile(f)) {
          Files.copy(f, dir.resolve(name));
        }
      }
      return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
