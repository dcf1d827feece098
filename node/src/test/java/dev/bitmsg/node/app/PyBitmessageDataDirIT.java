package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.AddressCrypto;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.address.IniFile;
import dev.bitmsg.node.address.KeysDat;
import dev.bitmsg.node.address.Wif;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.rpc.Json;
import dev.bitmsg.node.testing.Python;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bm import pybitmessage} and {@code bm export keysdat} against a data directory written by
 * Python's configparser, sqlite3 and json in PyBitmessage v0.6's formats ({@link PyBitmessageDir}):
 * what lands where, the report, a second run adding nothing, a dry run changing nothing, a running
 * PyBitmessage (its POSIX lock on singleton.lock) or node refusing the import, and an exported
 * keys.dat read back by Python's configparser as PyBitmessage reads it and by our reader.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PyBitmessageDataDirIT {
  @TempDir Path tmp;
  private PyBitmessageDir py;
  private Path data;

  @BeforeEach
  void write() throws Exception {
    py = PyBitmessageDir.write(tmp.resolve("pybitmessage"), 7);
    data = tmp.resolve("node");
  }

  private CommandRunner.Result importIt(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("import", "pybitmessage", py.dir.toString(), "--data", data.toString()));
    args.addAll(List.of(extra));
    return CommandRunner.run(args.toArray(String[]::new));
  }

  @Test
  void importsEverythingOnceAndReports() throws Exception {
    CommandRunner.Result r = importIt();
    assertEquals(0, r.exit(), r.err());
    String out = r.out();
    System.out.println(out); // the report, in the test's output file
    assertTrue(out.contains("identities: 3 imported"), out);
    assertTrue(out.contains("mailing lists: 1 imported"), out);
    assertTrue(out.contains("inbox: 3 imported"), out);
    assertTrue(out.contains("sent: 5 imported"), out);
    assertTrue(out.contains("address book: 1 imported"), out);
    // PyBitmessage's own announcement subscription plus one of the user's
    assertTrue(out.contains("subscriptions: 2 imported"), out);
    assertTrue(out.contains("blacklist: 1 imported"), out);
    assertTrue(out.contains("whitelist: 1 imported"), out);
    assertTrue(out.contains("known nodes: 2 imported, 1 skipped"), out);
    assertTrue(out.contains(".onion"), out);
    assertTrue(out.contains("pubkeys: 1 rows"), out);
    assertTrue(out.contains("minimizetotray"), out);

    Path db = data.resolve("node.db");
    Map<String, List<Object>> ids =
        rows(db, "SELECT address, label, enabled, chan, send_acks, ntpb FROM identities");
    assertEquals(3, ids.size(), ids.toString());
    assertEquals(List.of(PyBitmessageDir.LABEL, 1L, 0L, 1L, 2000L), at(ids, py.aliceText));
    // disabled, no chan, dontsendack
    assertEquals(List.of(0L, 0L, 0L), at(ids, text(py.list)).subList(1, 4));
    assertEquals(1L, at(ids, text(py.chan)).get(2));
    assertEquals(
        PyBitmessageDir.LIST_NAME,
        single(db, "SELECT name FROM mailing_lists WHERE address = '" + text(py.list) + "'"));

    // msgids and ack data kept; statuses mapped; the trashed queued row stays in the trash
    for (String name : List.of("inbox-read", "inbox-trash", "inbox-broadcast")) {
      assertEquals(
          1L,
          single(
              db, "SELECT count(*) FROM inbox WHERE hex(msgid) = '" + upper(py.msgid(name)) + "'"),
          name);
    }
    Map<String, List<Object>> sent =
        rows(db, "SELECT lower(hex(msgid)), status, trashed, lower(hex(ackdata)) FROM outbox");
    assertEquals(5, sent.size(), sent.toString());
    assertEquals(
        List.of("ACK_RECEIVED", 0L, py.ack("sent-acked")), at(sent, py.msgid("sent-acked")));
    assertEquals("SENT", at(sent, py.msgid("sent-waiting")).get(0));
    assertEquals(List.of("QUEUED", 1L), at(sent, py.msgid("sent-trashed-queued")).subList(0, 2));
    assertEquals("FAILED", at(sent, py.msgid("sent-badkey")).get(0));
    assertEquals("SENT_NO_ACK", at(sent, py.msgid("sent-broadcast")).get(0));

    Path api = data.resolve("api.db");
    assertEquals(
        1L,
        single(api, "SELECT read FROM inbox_marks WHERE msgid = '" + py.msgid("inbox-read") + "'"));
    assertEquals(
        1L,
        single(
            api,
            "SELECT trashed FROM inbox_marks WHERE msgid = '" + py.msgid("inbox-trash") + "'"));
    assertEquals("Strängér", single(api, "SELECT label FROM address_book"));
    assertEquals("black", single(db, "SELECT list FROM sender_lists WHERE label = 'spammer'"));
    assertEquals(0L, single(db, "SELECT enabled FROM sender_lists WHERE list = 'white'"));
    assertEquals(2L, single(db, "SELECT count(*) FROM known_nodes"));

    String conf = Files.readString(data.resolve("bitmsg.conf"), StandardCharsets.UTF_8);
    assertTrue(conf.contains("default-ttl = 367200"), conf);
    assertTrue(conf.contains("stop-resending-after-days = 10"), conf);
    assertTrue(conf.contains("max-acceptable-nonce-trials-per-byte = 20000"), conf);
    assertTrue(conf.contains("ack-stealth-level = 1"), conf);
    // the node accepts every key the import wrote
    CommandRunner.Result check = CommandRunner.run("node", "--data", data.toString(), "--help");
    assertEquals(0, check.exit(), check.err());

    // a second run adds nothing
    CommandRunner.Result again = importIt();
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().contains("identities: 0 imported, 3 already here"), again.out());
    assertTrue(again.out().contains("inbox: 0 imported, 3 already here"), again.out());
    assertTrue(again.out().contains("sent: 0 imported, 5 already here"), again.out());
    assertEquals(5L, single(db, "SELECT count(*) FROM outbox"));
    assertEquals(3L, single(db, "SELECT count(*) FROM inbox"));
    assertEquals(2L, single(db, "SELECT count(*) FROM known_nodes"));
  }

  @Test
  void dryRunChangesNothing() throws Exception {
    CommandRunner.Result r = importIt("--dry-run");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("identities: 3"), r.out());
    assertTrue(r.out().contains("dry run: nothing was changed"), r.out());
    assertFalse(Files.exists(data.resolve("node.db")), "no database made");
    assertFalse(Files.exists(data.resolve("bitmsg.conf")), "no config written");
  }

  @Test
  void refusedWhilePyBitmessageOrTheNodeRuns() throws Exception {
    // PyBitmessage's singleton: fcntl.lockf on singleton.lock, held while it runs
    Path script = tmp.resolve("hold.py");
    Files.writeString(
        script,
        "import fcntl, sys, time\n"
            + "f = open(sys.argv[1], 'a+')\n"
            + "fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
            + "print('locked', flush=True)\n"
            + "time.sleep(120)\n");
    Process p =
        new ProcessBuilder(
                Python.PYTHON.toString(),
                script.toString(),
                py.dir.resolve("singleton.lock").toString())
            .redirectErrorStream(true)
            .start();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("locked", in.readLine());
      CommandRunner.Result r = importIt();
      assertEquals(1, r.exit());
      assertTrue(r.err().contains("PyBitmessage is running"), r.err());
    } finally {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    try (DataDirLock held = DataDirLock.acquire(data)) {
      CommandRunner.Result r = importIt();
      assertEquals(1, r.exit());
      assertTrue(r.err().contains("a node is running on"), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
    assertEquals(0, importIt().exit());
  }

  @Test
  void exportedKeysDatLoadsInPythonAndHere() throws Exception {
    assertEquals(0, importIt().exit());
    Path out = tmp.resolve("export").resolve("keys.dat");
    Files.createDirectories(out.getParent());
    CommandRunner.Result r =
        CommandRunner.run("export", "keysdat", out.toString(), "--data", data.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("wrote 3 identities"), r.out());

    Path check = tmp.resolve("keysdat_check.py");
    try (InputStream in = getClass().getResourceAsStream("keysdat_check.py")) {
      Files.write(check, in.readAllBytes());
    }
    Map<String, Map<?, ?>> seen = new HashMap<>();
    Python.run(check, out.toString())
        .lines()
        .map(l -> (Map<?, ?>) Objects.requireNonNull(Json.parse(l)))
        .forEach(o -> seen.put(String.valueOf(o.get("address")), o));
    assertEquals(3, seen.size(), seen.toString());
    Map<?, ?> alice = at(seen, py.aliceText);
    assertEquals(PyBitmessageDir.LABEL, alice.get("label"));
    assertEquals(true, alice.get("enabled"));
    assertEquals(2000L, alice.get("noncetrialsperbyte"));
    assertEquals(true, alice.get("keys"));
    assertEquals(true, at(seen, text(py.chan)).get("chan"));
    Map<?, ?> list = at(seen, text(py.list));
    assertEquals(false, list.get("enabled"));
    assertEquals(true, list.get("mailinglist"));
    assertEquals(PyBitmessageDir.LIST_NAME, list.get("mailinglistname"));
    assertEquals(true, list.get("dontsendack"));

    // our own reader gives back the same keys
    CryptoSuite crypto = BcCryptoSuite.create();
    AddressCodec codec = new AddressCodec(crypto.hashes());
    List<Identity> back =
        new KeysDat(
                codec,
                new AddressCrypto(crypto.hashes(), crypto.keys()),
                crypto.keys(),
                new Wif(crypto.hashes()))
            .identities(IniFile.load(out));
    Identity a =
        back.stream()
            .filter(i -> codec.encode(i.address()).equals(py.aliceText))
            .findFirst()
            .orElseThrow();
    assertEquals(
        HexFormat.of().formatHex(py.alice.signing().privateKey().bytes()),
        HexFormat.of().formatHex(a.signing().privateKey().bytes()));
  }

  private static <V> V at(Map<String, V> m, String key) {
    return Objects.requireNonNull(m.get(key), () -> key + " not in " + m.keySet());
  }

  private String text(Identity id) {
    return new AddressCodec(BcCryptoSuite.create().hashes()).encode(id.address());
  }

  private static String upper(String hex) {
    return hex.toUpperCase(Locale.ROOT);
  }

  /** Rows keyed by their first column, the rest as values. */
  private static Map<String, List<Object>> rows(Path db, String sql) throws SQLException {
    Map<String, List<Object>> out = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 2; i <= n; i++) {
          Object v = rs.getObject(i);
          row.add(v instanceof Integer x ? (Object) x.longValue() : v);
        }
        out.put(rs.getString(1), row);
      }
    }
    return out;
  }

  private static Object single(Path db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      Object v = rs.getObject(1);
      return v instanceof Integer x ? x.longValue() : v;
    }
  }
}
