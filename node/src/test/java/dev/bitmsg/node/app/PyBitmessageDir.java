package dev.bitmsg.node.app;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.address.IdentityGenerator;
import dev.bitmsg.node.address.Wif;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.SeededRandomSource;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.rpc.Json;
import dev.bitmsg.node.testing.Python;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A PyBitmessage v0.6 data directory written by Python's own configparser, sqlite3 and json (the
 * libraries PyBitmessage writes with) from keys made here: a normal identity with a non-ASCII
 * label, a chan, a disabled identity that is a mailing list and sends no acks; an inbox of three
 * (one read, one trashed, one broadcast), a sent folder in five statuses (one trashed while
 * queued), address book, subscriptions, blacklist, whitelist, settings and known nodes.
 */
final class PyBitmessageDir {
  static final String LABEL = "Zoë's 100% 日本";
  static final String CHAN_NAME = "pyimport chan";
  static final String LIST_NAME = "Liste für alle";

  final Path dir;
  final Identity alice;
  final Identity chan;
  final Identity list;
  final Identity stranger;
  final String aliceText;
  final String strangerText;
  final Map<String, String> msgids = new LinkedHashMap<>();
  final Map<String, String> ackdata = new LinkedHashMap<>();

  private PyBitmessageDir(
      Path dir,
      Identity alice,
      Identity chan,
      Identity list,
      Identity stranger,
      AddressCodec codec) {
    this.dir = dir;
    this.alice = alice;
    this.chan = chan;
    this.list = list;
    this.stranger = stranger;
    this.aliceText = codec.encode(alice.address());
    this.strangerText = codec.encode(stranger.address());
  }

  /** The msgid (hex) of the message the fixture calls {@code name}. */
  String msgid(String name) {
    return Objects.requireNonNull(msgids.get(name), name);
  }

  /** The ack data (hex) of the sent message the fixture calls {@code name}. */
  String ack(String name) {
    return Objects.requireNonNull(ackdata.get(name), name);
  }

  /** Writes the directory {@code dir} with Python; keys from {@code seed}. */
  static PyBitmessageDir write(Path dir, long seed) throws IOException, InterruptedException {
    Python.require();
    CryptoSuite crypto = BcCryptoSuite.create(new SeededRandomSource(seed));
    IdentityGenerator gen = new IdentityGenerator(crypto.hashes(), crypto.keys(), crypto.random());
    AddressCodec codec = new AddressCodec(crypto.hashes());
    PyBitmessageDir d =
        new PyBitmessageDir(
            dir,
            gen.random(4, 1, false, LABEL),
            gen.chan(CHAN_NAME),
            gen.random(4, 1, false, "list").withEnabled(false),
            gen.random(4, 1, false, "stranger"),
            codec);
    Wif wif = new Wif(crypto.hashes());
    Path spec = Files.createTempFile("pybitmessage-spec", ".json");
    try {
      Files.writeString(spec, Json.write(d.spec(codec, wif)), StandardCharsets.UTF_8);
      run(spec, dir);
    } finally {
      Files.deleteIfExists(spec);
    }
    return d;
  }

  private Map<String, Object> spec(AddressCodec codec, Wif wif) {
    String chanText = codec.encode(chan.address());
    String listText = codec.encode(list.address());
    Map<String, Object> s = new LinkedHashMap<>();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("settingsversion", "10");
    settings.put("port", "8444");
    settings.put("timeformat", "%%c");
    settings.put("blackwhitelist", "black");
    settings.put("apienabled", "true");
    settings.put("apiport", "8442");
    settings.put("apiinterface", "127.0.0.1");
    settings.put("apiusername", "pyuser");
    settings.put("apipassword", "pypass");
    settings.put("ttl", "367200");
    settings.put("stopresendingafterxdays", "10");
    settings.put("stopresendingafterxmonths", "1");
    settings.put("maxacceptablenoncetrialsperbyte", "20000");
    settings.put("maxacceptablepayloadlengthextrabytes", "20000");
    settings.put("ackstealthlevel", "1");
    settings.put("minimizetotray", "false");
    s.put("settings", settings);
    s.put(
        "identities",
        List.of(
            identity(aliceText, alice, wif, Map.of("noncetrialsperbyte", 2000)),
            identity(chanText, chan, wif, Map.of("chan", true)),
            identity(
                listText, list, wif, Map.of("mailinglistname", LIST_NAME, "dontsendack", true))));
    msgids.put("inbox-read", hex(16, 1));
    msgids.put("inbox-trash", hex(16, 2));
    msgids.put("inbox-broadcast", hex(16, 3));
    s.put(
        "inbox",
        List.of(
            inbox("inbox-read", aliceText, strangerText, "héllo", 1, "inbox"),
            inbox("inbox-trash", aliceText, strangerText, "old news", 0, "trash"),
            inbox(
                "inbox-broadcast", "[Broadcast subscribers]", strangerText, "bcast", 0, "inbox")));
    String ripe = HexFormat.of().formatHex(stranger.address().ripe().bytes());
    s.put(
        "sent",
        List.of(
            sent("sent-acked", strangerText, ripe, "ackreceived", "sent"),
            sent("sent-waiting", strangerText, ripe, "msgsent", "sent"),
            sent("sent-trashed-queued", strangerText, ripe, "msgqueued", "trash"),
            sent("sent-badkey", strangerText, ripe, "badkey", "sent"),
            sent("sent-broadcast", "[Broadcast subscribers]", "", "broadcastsent", "sent")));
    s.put("addressbook", List.of(Map.of("label", "Strängér", "address", strangerText)));
    s.put("blacklist", List.of(Map.of("label", "spammer", "address", listText, "enabled", 1)));
    s.put("whitelist", List.of(Map.of("label", "friend", "address", strangerText, "enabled", 0)));
    s.put("subscriptions", List.of(Map.of("label", "news", "address", strangerText, "enabled", 1)));
    s.put(
        "knownnodes",
        List.of(
            Map.of(
                "stream",
                1,
                "host",
                "127.0.0.9",
                "port",
                8444,
                "lastseen",
                1700000000,
                "rating",
                0.5),
            Map.of(
                "stream",
                1,
                "host",
                "abcdefghij234567.onion",
                "port",
                8444,
                "lastseen",
                1700000000,
                "rating",
                0.1),
            Map.of(
                "stream",
                1,
                "host",
                "127.0.0.10",
                "port",
                8555,
                "lastseen",
                1700000100,
                "rating",
                -0.2)));
    return s;
  }

  private static Map<String, Object> identity(
      String text, Identity id, Wif wif, Map<String, Object> extra) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("address", text);
    m.put("label", id.label());
    m.put("enabled", id.enabled());
    m.put("privsigningkey", wif.encode(id.signing().privateKey()));
    m.put("privencryptionkey", wif.encode(id.encryption().privateKey()));
    m.putAll(extra);
    return m;
  }

  private Map<String, Object> inbox(
      String name, String to, String from, String subject, int read, String folder) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("msgid", msgids.get(name));
    m.put("to", to);
    m.put("from", from);
    m.put("subject", subject);
    m.put("body", "body of " + name + " ✓");
    m.put("received", 1700000000 + msgids.size());
    m.put("folder", folder);
    m.put("read", read);
    m.put("sighash", hex(32, 100 + msgids.size() + name.length()));
    return m;
  }

  private Map<String, Object> sent(
      String name, String to, String ripe, String status, String folder) {
    msgids.put(name, hex(16, 10 + msgids.size()));
    // helper_ackPayload.genAckPayload at stealth level 0: a msg object type, version 1, stream 1.
    ackdata.put(name, "00000002" + "01" + "01" + hex(32, 50 + ackdata.size()));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("msgid", msgids.get(name));
    m.put("to", to);
    m.put("toripe", ripe);
    m.put("from", aliceText);
    m.put("subject", "sent " + name);
    m.put("body", "body of " + name);
    m.put("ackdata", ackdata.get(name));
    m.put("senttime", 1700000000);
    m.put("status", status);
    m.put("folder", folder);
    m.put("ttl", 345600);
    return m;
  }

  private static String hex(int length, int fill) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (fill + i * 7);
    }
    return HexFormat.of().formatHex(b);
  }

  private static void run(Path spec, Path out) throws IOException, InterruptedException {
    Path script = Files.createTempFile("pybitmessage_datadir", ".py");
    try (InputStream in = PyBitmessageDir.class.getResourceAsStream("pybitmessage_datadir.py")) {
      Files.write(script, in.readAllBytes());
    }
    try {
      Python.run(script, spec.toString(), out.toString());
    } finally {
      Files.deleteIfExists(script);
    }
  }
}
