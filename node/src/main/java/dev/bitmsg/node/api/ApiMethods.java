package dev.bitmsg.node.api;

import dev.bitmsg.node.store.ClientState;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.AddressException;
import dev.bitmsg.node.address.BitmessageAddress;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.address.IdentityGenerator;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.metrics.ObjectCounters;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.message.MessageCodec;
import dev.bitmsg.node.message.MessageContent;
import dev.bitmsg.node.messaging.Messenger;
import dev.bitmsg.node.messaging.PowWorker;
import dev.bitmsg.node.net.ObjectIngest;
import dev.bitmsg.node.net.PeerGroup;
import dev.bitmsg.node.store.IdentityStore;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.InventoryItem;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.Difficulty;
import dev.bitmsg.node.wire.ObjectHeader;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ObjectType;
import dev.bitmsg.node.wire.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The PyBitmessage client API methods (PROTOCOL.md section 10) over one running node: same names,
 * aliases, parameters, base64/hex conventions, result shapes and error codes. Transport-neutral:
 * {@link ApiServer} decodes XML-RPC or JSON-RPC and calls {@link #call}. Thread-safe (the
 * messaging facade and {@link ClientState} are).
 *
 * <p>Identifiers: an inbox msgid is the hex of the message's signature hash (32 bytes, unique per
 * message); a sent msgid is the outbox row number as a 32-byte big-endian hex number; ackData is
 * the row's 38-byte ack data, or for rows that expect no ack (broadcasts, own and chan
 * recipients) 30 bytes {@code ff} followed by the row number (PyBitmessage also hands out ack data
 * for those; clients treat it as opaque).
 */
public final class ApiMethods {
  /** PyBitmessage's "to" text for broadcasts. */
  static final String BROADCAST_TO = "[Broadcast subscribers]";
  static final long DEFAULT_TTL = 4L * 24 * 3600;
  static final int MAX_MESSAGE = (1 << 18) - 500;
  private static final HexFormat HEX = HexFormat.of();
  private static final int SYNTHETIC_ACK_PREFIX = 30;

  @FunctionalInterface
  interface Handler {
    Object handle(Params p) throws InterruptedException;
  }

  private record Method(String name, int minParams, int maxParams, Handler handler) {}

  private final Node node;
  private final ClientState state;
  private final AddressCodec codec;
  private final IdentityGenerator generator;
  private final Supplier<PowWorker> pow;
  private final Clock clock;
  private final String softwareVersion;
  private final ObjectCounters counters;
  private final MessageCodec messageCodec = new MessageCodec();
  private final Map<String, Method> methods = new TreeMap<>();

  /**
   * @param pow proof of work for objects handed in without a nonce (made on first use)
   * @param counters objects processed since start (clientStatus)
   */
  public ApiMethods(Node node, ClientState state, CryptoSuite crypto, Supplier<PowWorker> pow, Clock clock,
      String softwareVersion, ObjectCounters counters) {
    this.node = node;
    this.state = state;
    this.codec = new AddressCodec(crypto.hashes());
    this.generator = new IdentityGenerator(crypto.hashes(), crypto.keys(), crypto.random());
    this.pow = pow;
    this.clock = clock;
    this.softwareVersion = softwareVersion;
    this.counters = counters;
    register();
  }

  /** The method names, aliases included, sorted. */
  public List<String> names() {
    return List.copyOf(methods.keySet());
  }

  /**
   * Runs one call.
   *
   * @throws ApiError with PyBitmessage's code for every refused call
   */
  public Object call(String name, List<Object> params) throws InterruptedException {
    Method m = methods.get(name);
    if (m == null) {
      throw new ApiError(20, "Invalid method: " + name);
    }
    if (params.size() < m.minParams() || params.size() > m.maxParams()) {
      throw ApiError.paramCount(name, m.minParams(), m.maxParams());
    }
    try {
      return m.handler().handle(new Params(params));
    } catch (ApiError | InterruptedException e) {
      throw e;
    } catch (AddressException e) {
      throw addressError(e);
    } catch (IllegalArgumentException e) {
      throw new ApiError(21, "Unexpected API Failure - " + e.getMessage());
    }
  }

  private void add(String name, int min, int max, Handler h, String... aliases) {
    methods.put(name, new Method(name, min, max, h));
    for (String a : aliases) {
      methods.put(a, new Method(a, min, max, h));
    }
  }

  private void register() {
    add("helloWorld", 2, 2, p -> p.string(0) + "-" + p.string(1));
    add("add", 2, 2, p -> p.integer(0, 0) + p.integer(1, 0));
    add("statusBar", 1, 1, p -> {
      p.string(0);
      return "success";
    });
    add("system.listMethods", 0, 0, p -> names());
    add("system.methodHelp", 1, 1, p -> methods.containsKey(p.string(0))
        ? "See the PyBitmessage API documentation for " + p.string(0) : "");
    add("decodeAddress", 1, 1, p -> decodeAddress(p.string(0)));
    add("listAddresses", 0, 0, p -> listAddresses(false));
    add("listAddresses2", 0, 0, p -> listAddresses(true));
    add("createRandomAddress", 1, 4, this::createRandomAddress);
    add("createDeterministicAddresses", 1, 7, this::createDeterministicAddresses);
    add("getDeterministicAddress", 3, 3, this::getDeterministicAddress);
    add("createChan", 1, 1, this::createChan);
    add("joinChan", 2, 2, this::joinChan);
    add("leaveChan", 1, 1, this::leaveChan);
    add("deleteAddress", 1, 1, p -> {
      String a = ownAddress(p.string(0));
      messenger().delete(a);
      return "success";
    });
    add("enableAddress", 1, 2, p -> {
      String a = ownAddress(p.string(0));
      messenger().setEnabled(a, p.bool(1, true));
      return "success";
    });
    add("getAllInboxMessages", 0, 0, p -> Map.of("inboxMessages", inbox(null).stream().map(this::inboxJson).toList()));
    add("getAllInboxMessageIds", 0, 0, p -> Map.of("inboxMessageIds",
        inbox(null).stream().map(e -> Map.of("msgid", msgid(e))).toList()), "getAllInboxMessageIDs");
    add("getInboxMessageById", 1, 2, this::getInboxMessageById, "getInboxMessageByID");
    add("getInboxMessagesByReceiver", 1, 1, p -> Map.of("inboxMessages",
        inbox(normal(p.string(0))).stream().map(this::inboxJson).toList()), "getInboxMessagesByAddress");
    add("getAllSentMessages", 0, 0, p -> Map.of("sentMessages", sent().stream().map(this::sentJson).toList()));
    add("getAllSentMessageIds", 0, 0, p -> Map.of("sentMessageIds",
        sent().stream().map(e -> Map.of("msgid", sentMsgid(e))).toList()), "getAllSentMessageIDs");
    add("getSentMessageById", 1, 1, p -> Map.of("sentMessage",
        sentByMsgid(p.hex(0)).map(e -> List.of(sentJson(e))).orElse(List.of())), "getSentMessageByID");
    add("getSentMessagesByAddress", 1, 1, p -> {
      String from = normal(p.string(0));
      return Map.of("sentMessages", sent().stream().filter(e -> e.from().equals(from)).map(this::sentJson).toList());
    }, "getSentMessagesBySender");
    add("getSentMessageByAckData", 1, 1, p -> Map.of("sentMessage",
        byAck(ackBytes(p.string(0))).map(e -> List.of(sentJson(e))).orElse(List.of())));
    add("getStatus", 1, 1, p -> byAck(ackBytes(p.string(0))).map(ApiMethods::statusWord).orElse("notfound"));
    // Extension (not in PyBitmessage): live proof-of-work progress of a sent message for progress bars.
    add("getSendProgress", 1, 1, p -> {
      OutboxEntry e = byAck(ackBytes(p.string(0))).orElseThrow(() -> new ApiError(21,
          "Unexpected API Failure - no sent message with this ackData"));
      Optional<Messenger.Progress> pr = messenger().status(e.id()).flatMap(Messenger.Status::progress);
      Map<String, Object> m = ordered("status", statusWord(e));
      pr.ifPresent(x -> {
        m.put("trials", x.trials());
        m.put("trialsPerSecond", x.trialsPerSecond());
        m.put("expectedTrials", x.expectedTrials());
        double eta = x.etaSeconds();
        m.put("etaSeconds", Double.isNaN(eta) ? -1.0 : eta);
      });
      e.powBy().ifPresent(b -> m.put("powBy", b));
      return m;
    });
    add("trashMessage", 1, 1, p -> {
      String id = HEX.formatHex(p.hex(0));
      Optional<OutboxEntry> s = sentByMsgid(p.hex(0));
      if (s.isPresent()) {
        state.trashSent(s.get().id());
      } else {
        state.trashInbox(id);
      }
      return "Trashed message (assuming message existed).";
    });
    add("trashInboxMessage", 1, 1, p -> {
      state.trashInbox(HEX.formatHex(p.hex(0)));
      return "Trashed inbox message (assuming message existed).";
    });
    add("trashSentMessage", 1, 1, p -> {
      sentByMsgid(p.hex(0)).ifPresent(e -> state.trashSent(e.id()));
      return "Trashed sent message (assuming message existed).";
    });
    add("trashSentMessageByAckData", 1, 1, p -> {
      byAck(ackBytes(p.string(0))).ifPresent(e -> state.trashSent(e.id()));
      return "Trashed sent message (assuming message existed).";
    });
    add("sendMessage", 4, 6, this::sendMessage);
    add("sendBroadcast", 3, 5, this::sendBroadcast);
    add("addSubscription", 1, 2, p -> {
      String a = checkedAddress(p.string(0));
      String label = p.text(1, "");
      if (messenger().subscriptions().stream().anyMatch(s -> s.address().equals(a))) {
        throw new ApiError(16, "You are already subscribed to that address.");
      }
      messenger().subscribe(a, label);
      return "Added subscription.";
    });
    add("deleteSubscription", 1, 1, p -> {
      messenger().unsubscribe(normal(p.string(0)));
      return "Deleted subscription if it existed.";
    });
    add("listSubscriptions", 0, 0, p -> {
      List<Object> out = new ArrayList<>();
      for (IdentityStore.Subscription s : messenger().subscriptions()) {
        out.add(ordered("label", b64(s.label()), "address", s.address(), "enabled", s.enabled()));
      }
      return Map.of("subscriptions", out);
    });
    add("addAddressBookEntry", 2, 2, p -> {
      String a = checkedAddress(p.string(0));
      String label = p.text(1, "");
      if (!state.addContact(a, label)) {
        throw new ApiError(16, "You already have this address in your address book.");
      }
      return "Added address " + a + " to address book";
    }, "addAddressbook");
    add("listAddressBookEntries", 0, 1, p -> {
      Optional<String> filter = p.size() > 0 ? Optional.of(p.string(0)) : Optional.empty();
      List<Object> out = new ArrayList<>();
      for (ClientState.Contact c : state.contacts()) {
        if (filter.isEmpty() || c.label().equals(filter.get())) {
          out.add(ordered("label", b64(c.label()), "address", c.address()));
        }
      }
      return Map.of("addresses", out);
    }, "listAddressbook");
    add("deleteAddressBookEntry", 1, 1, p -> {
      String a = checkedAddress(p.string(0));
      state.deleteContact(a);
      return "Deleted address book entry for " + a + " if it existed";
    }, "deleteAddressbook");
    add("clientStatus", 0, 0, p -> clientStatus());
    add("listConnections", 0, 0, p -> listConnections());
    add("disseminatePreEncryptedMsg", 1, 3, this::disseminate, "disseminatePreparedObject");
    add("disseminatePubkey", 1, 1, this::disseminatePubkey);
    add("getMessageDataByDestinationHash", 1, 1, this::messagesByTag, "getMessageDataByDestinationTag");
  }

  // ---- addresses ----

  private Messenger messenger() {
    return node.messenger();
  }

  private Map<String, Object> decodeAddress(String text) {
    try {
      BitmessageAddress a = codec.decode(text);
      return ordered("status", "success", "addressVersion", (long) a.version(), "streamNumber", a.stream(),
          "ripe", Base64.getEncoder().encodeToString(a.ripe().bytes()));
    } catch (AddressException e) {
      return ordered("status", e.status().pyBitmessageName(), "addressVersion", 0L, "streamNumber", 0L, "ripe", "");
    }
  }

  private Map<String, Object> listAddresses(boolean labelBase64) {
    List<Object> out = new ArrayList<>();
    for (Identity id : messenger().identities()) {
      out.add(ordered("label", labelBase64 ? b64(id.label()) : id.label(), "address", codec.encode(id.address()),
          "stream", id.address().stream(), "enabled", id.enabled(), "chan", id.chan()));
    }
    return Map.of("addresses", out);
  }

  private Object createRandomAddress(Params p) {
    String label = p.text(0, "");
    if (p.bool(1, false) || p.integer(2, 0) != 0 || p.integer(3, 0) != 0) {
      throw new ApiError(21, "Unexpected API Failure - shorter addresses and custom difficulty are not supported");
    }
    return codec.encode(messenger().createRandom(label).address());
  }

  private Object createDeterministicAddresses(Params p) {
    String passphrase = p.text(0, "");
    long number = p.integer(1, 1);
    long version = p.integer(2, 0);
    long stream = p.integer(3, 0);
    if (passphrase.isEmpty()) {
      throw new ApiError(1, "The specified passphrase is blank.");
    }
    if (version != 0 && version != 3 && version != 4) {
      throw new ApiError(2, "The address version number currently must be 3, 4, or 0 (which means auto-select). "
          + version + " isn't supported.");
    }
    if (stream != 0 && stream != 1) {
      throw new ApiError(3, "The stream number must be 1 (or 0 which means auto-select). Others aren't supported.");
    }
    if (number == 0) {
      throw new ApiError(4, "Why would you ask me to generate 0 addresses for you?");
    }
    if (number > 999 || number < 0) {
      throw new ApiError(5, "You have (accidentally?) specified too many addresses to make. Maximum 999.");
    }
    if (p.bool(4, false) || p.integer(5, 0) != 0 || p.integer(6, 0) != 0) {
      throw new ApiError(21, "Unexpected API Failure - shorter addresses and custom difficulty are not supported");
    }
    Set<String> before = new java.util.HashSet<>();
    for (Identity id : messenger().identities()) {
      before.add(codec.encode(id.address()));
    }
    List<Object> added = new ArrayList<>();
    for (Identity id : messenger().createDeterministic(passphrase, (int) number, version == 0 ? 4 : (int) version)) {
      String a = codec.encode(id.address());
      if (!before.contains(a)) {
        added.add(a);
      }
    }
    return Map.of("addresses", added);
  }

  private Object getDeterministicAddress(Params p) {
    String passphrase = p.text(0, "");
    long version = p.integer(1, 4);
    long stream = p.integer(2, 1);
    if (version != 3 && version != 4) {
      throw new ApiError(2, "The address version number currently must be 3 or 4. " + version + " isn't supported.");
    }
    if (stream != 1) {
      throw new ApiError(3, "The stream number must be 1. Others aren't supported.");
    }
    if (passphrase.isEmpty()) {
      throw new ApiError(1, "The specified passphrase is blank.");
    }
    return codec.encode(generator.deterministic(passphrase.getBytes(StandardCharsets.UTF_8), 1, (int) version, 1, false)
        .get(0).identity().address());
  }

  private Optional<Identity> own(String address) {
    String a = normal(address);
    return messenger().identities().stream().filter(i -> codec.encode(i.address()).equals(a)).findFirst();
  }

  private Object createChan(Params p) {
    String name = p.text(0, "");
    if (name.isEmpty()) {
      throw new ApiError(1, "The specified passphrase is blank.");
    }
    Identity chan = generator.chan(name);
    if (own(codec.encode(chan.address())).isPresent()) {
      throw new ApiError(24, "Chan address is already present.");
    }
    return codec.encode(messenger().joinChan(name).address());
  }

  private Object joinChan(Params p) {
    String name = p.text(0, "");
    String address = checkedAddress(p.string(1));
    if (name.isEmpty()) {
      throw new ApiError(1, "The specified passphrase is blank.");
    }
    if (!codec.encode(generator.chan(name).address()).equals(address)) {
      throw new ApiError(18, "Chan name does not match address.");
    }
    if (own(address).isPresent()) {
      throw new ApiError(24, "Chan address is already present.");
    }
    messenger().joinChan(name, address);
    return "success";
  }

  private Object leaveChan(Params p) {
    String a = checkedAddress(p.string(0));
    Identity id = own(a).orElseThrow(() -> notInKeys(a));
    if (!id.chan()) {
      throw new ApiError(25, "Specified address is not a chan address. Use deleteAddress API call instead.");
    }
    messenger().leaveChan(a);
    return "success";
  }

  private String ownAddress(String address) {
    String a = checkedAddress(address);
    if (own(a).isEmpty()) {
      throw notInKeys(a);
    }
    return a;
  }

  private static ApiError notInKeys(String a) {
    return new ApiError(13, "Could not find this address in your keys.dat file: " + a);
  }

  /** Decodes and re-encodes an address (adds BM-), mapping failures to PyBitmessage's codes. */
  private String checkedAddress(String text) {
    return codec.encode(codec.decode(text));
  }

  private static String normal(String text) {
    String s = text.strip();
    return s.startsWith(AddressCodec.PREFIX) ? s : AddressCodec.PREFIX + s;
  }

  static ApiError addressError(AddressException e) {
    return switch (e.status()) {
      case CHECKSUM_FAILED -> new ApiError(8, "Checksum failed for address: " + e.getMessage());
      case INVALID_CHARACTERS -> new ApiError(9, "Invalid characters in address: " + e.getMessage());
      case VERSION_TOO_HIGH -> new ApiError(10, "Address version number too high (or zero) in address: "
          + e.getMessage());
      case VARINT_MALFORMED -> new ApiError(26, "Malformed varint in address: " + e.getMessage());
      default -> new ApiError(7, "Could not decode address: " + e.getMessage() + " : " + e.status().pyBitmessageName());
    };
  }

  // ---- inbox ----

  private String msgid(InboxEntry e) {
    return e.sigHash().toHex();
  }

  private List<InboxEntry> inbox(@Nullable String toFilter) {
    Set<String> trashed = state.trashedInbox();
    List<InboxEntry> out = new ArrayList<>();
    for (InboxEntry e : messenger().inbox()) {
      if (trashed.contains(msgid(e))) {
        continue;
      }
      if (toFilter != null && !e.to().map(toFilter::equals).orElse(false)) {
        continue;
      }
      out.add(e);
    }
    return out;
  }

  private Map<String, Object> inboxJson(InboxEntry e) {
    MessageContent c = messenger().content(e);
    return ordered("msgid", msgid(e), "toAddress", e.to().orElse(BROADCAST_TO), "fromAddress", e.from(),
        "subject", b64(c.subject()), "message", b64(c.body()), "encodingType", e.encoding(),
        "receivedTime", e.received(), "read", state.readInbox().contains(msgid(e)) ? 1L : 0L);
  }

  private Object getInboxMessageById(Params p) {
    String id = HEX.formatHex(p.hex(0));
    Optional<InboxEntry> e = inbox(null).stream().filter(x -> msgid(x).equals(id)).findFirst();
    if (e.isEmpty()) {
      return Map.of("inboxMessage", List.of());
    }
    if (p.size() > 1 && p.get(1) != null) {
      state.markRead(id, p.bool(1, false));
    }
    return Map.of("inboxMessage", List.of(inboxJson(e.get())));
  }

  // ---- sent ----

  private List<OutboxEntry> sent() {
    Set<Long> trashed = state.trashedSent();
    return messenger().outbox().stream().filter(e -> !trashed.contains(e.id())).toList();
  }

  /** The API msgid of a sent row. */
  public static String sentMsgid(OutboxEntry e) {
    return HEX.formatHex(ByteBuffer.allocate(32).putLong(24, e.id()).array());
  }

  /** The API ackData of a sent row. */
  public static Bytes ackData(OutboxEntry e) {
    if (e.ackData().isPresent()) {
      return e.ackData().get();
    }
    byte[] b = new byte[SYNTHETIC_ACK_PREFIX + 8];
    java.util.Arrays.fill(b, 0, SYNTHETIC_ACK_PREFIX, (byte) 0xff);
    ByteBuffer.wrap(b).putLong(SYNTHETIC_ACK_PREFIX, e.id());
    return Bytes.of(b);
  }

  private Optional<OutboxEntry> sentByMsgid(byte[] id) {
    String hex = HEX.formatHex(id);
    return sent().stream().filter(e -> sentMsgid(e).equals(hex)).findFirst();
  }

  private Optional<OutboxEntry> byAck(Bytes ack) {
    return sent().stream().filter(e -> ackData(e).equals(ack)).findFirst();
  }

  private static Bytes ackBytes(String hex) {
    String h = hex.strip();
    if (h.length() < 76) {
      throw new ApiError(15, "Invalid ackData object size.");
    }
    try {
      return Bytes.of(HEX.parseHex(h));
    } catch (IllegalArgumentException e) {
      throw ApiError.decode("ackData is not hex: " + e.getMessage());
    }
  }

  /** PyBitmessage's status word, broadcasts and pubkey requests included. */
  public static String statusWord(OutboxEntry e) {
    SendStatus s = e.status();
    if (e.kind() == OutboxEntry.Kind.BROADCAST) {
      return switch (s) {
        case QUEUED -> "broadcastqueued";
        case DOING_POW -> "doingbroadcastpow";
        case SENT, SENT_NO_ACK, ACK_RECEIVED -> "broadcastsent";
        default -> s.wireName();
      };
    }
    if (s == SendStatus.DOING_POW && e.detail().map("getpubkey"::equals).orElse(false)) {
      return "doingpubkeypow";
    }
    return s.wireName();
  }

  private Map<String, Object> sentJson(OutboxEntry e) {
    MessageContent c = messageCodec.decode(e.encoding(), e.message().toByteArray());
    return ordered("msgid", sentMsgid(e), "toAddress", e.to().orElse(BROADCAST_TO), "fromAddress", e.from(),
        "subject", b64(c.subject()), "message", b64(c.body()), "encodingType", e.encoding(),
        "lastActionTime", e.statusTime(), "status", statusWord(e), "ackData", ackData(e).toHex());
  }

  // ---- sending ----

  private static long ttl(Params p, int index) {
    long ttl = p.integer(index, DEFAULT_TTL);
    return Math.max(3600, Math.min(ttl, 28L * 24 * 3600));
  }

  private static void checkEncoding(long encoding) {
    if (encoding != 2 && encoding != 3) {
      throw new ApiError(6, "The encoding type must be 2 or 3.");
    }
  }

  private static void checkLength(String subject, String body) {
    if (subject.getBytes(StandardCharsets.UTF_8).length + body.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE) {
      throw new ApiError(27, "Message is too long.");
    }
  }

  private Identity sender(String from) {
    String a = checkedAddress(from);
    Identity id = own(a).orElseThrow(() -> new ApiError(13,
        "Could not find your fromAddress in the keys.dat file."));
    if (!id.enabled()) {
      throw new ApiError(14, "Your fromAddress is disabled. Cannot send.");
    }
    return id;
  }

  private Object sendMessage(Params p) {
    String to = checkedAddress(p.string(0));
    String subject = p.text(2, "");
    String body = p.text(3, "");
    checkEncoding(p.integer(4, 2));
    long ttl = ttl(p, 5);
    checkLength(subject, body);
    BitmessageAddress dest = codec.decode(to);
    if (dest.stream() != 1) {
      throw new ApiError(12, "The stream number must be 1. Others aren't supported.");
    }
    Identity from = sender(p.string(1));
    long id = messenger().send(codec.encode(from.address()), to, subject, body, ttl);
    return ackData(messenger().status(id).orElseThrow().entry()).toHex();
  }

  private Object sendBroadcast(Params p) {
    String subject = p.text(1, "");
    String body = p.text(2, "");
    checkEncoding(p.integer(3, 2));
    long ttl = ttl(p, 4);
    checkLength(subject, body);
    Identity from = sender(p.string(0));
    long id = messenger().broadcast(codec.encode(from.address()), subject, body, ttl);
    return ackData(messenger().status(id).orElseThrow().entry()).toHex();
  }

  // ---- network ----

  private Map<String, Object> clientStatus() {
    List<PeerGroup.PeerInfo> peers = node.peers().peers();
    String networkStatus = peers.isEmpty() ? "notConnected"
        : peers.stream().anyMatch(PeerGroup.PeerInfo::inbound) ? "connectedAndReceivingIncomingConnections"
        : "connectedButHaveNotReceivedIncomingConnections";
    return ordered("networkConnections", (long) peers.size(),
        "numberOfMessagesProcessed", counters.count(ObjectType.MSG),
        "numberOfBroadcastsProcessed", counters.count(ObjectType.BROADCAST),
        "numberOfPubkeysProcessed", counters.count(ObjectType.PUBKEY),
        "pendingDownload", 0L,
        "networkStatus", networkStatus,
        "softwareName", "bitmsg",
        "softwareVersion", softwareVersion);
  }

  private Map<String, Object> listConnections() {
    List<Object> in = new ArrayList<>();
    List<Object> out = new ArrayList<>();
    for (PeerGroup.PeerInfo p : node.peers().peers()) {
      Map<String, Object> m = ordered("host", p.remote().getHostString(), "port", (long) p.remote().getPort(),
          "fullyEstablished", true, "userAgent", p.userAgent());
      (p.inbound() ? in : out).add(m);
    }
    return ordered("inbound", in, "outbound", out);
  }

  private Object disseminate(Params p) throws InterruptedException {
    byte[] raw = p.hex(0);
    long ntpb = Math.max(p.integer(1, 1000), 1000);
    long extra = Math.max(p.integer(2, 1000), 1000);
    ObjectMessage object;
    try {
      object = ObjectMessage.of(Bytes.of(raw));
    } catch (ProtocolException | IllegalArgumentException e) {
      throw ApiError.decode("not an object: " + e.getMessage());
    }
    if (object.nonce() == 0) {
      long now = clock.instant().getEpochSecond();
      object = pow.get().solve(object, now, new Difficulty(ntpb, extra), x -> { }).object();
    }
    return submit(object);
  }

  private Object disseminatePubkey(Params p) throws InterruptedException {
    byte[] withoutNonce = p.hex(0);
    byte[] raw = new byte[withoutNonce.length + 8];
    System.arraycopy(withoutNonce, 0, raw, 8, withoutNonce.length);
    ObjectMessage object;
    try {
      object = ObjectMessage.of(Bytes.of(raw));
    } catch (ProtocolException | IllegalArgumentException e) {
      throw ApiError.decode("not a pubkey object: " + e.getMessage());
    }
    if (object.objectType() != ObjectType.PUBKEY) {
      throw ApiError.decode("object type " + object.objectType() + " is not a pubkey");
    }
    long now = clock.instant().getEpochSecond();
    submit(pow.get().solve(object, now, Difficulty.NETWORK_DEFAULT, x -> { }).object());
    return "";
  }

  private String submit(ObjectMessage object) {
    ObjectIngest.Result r = node.peers().submit(object);
    if (r.outcome() != ObjectIngest.Outcome.STORED && r.outcome() != ObjectIngest.Outcome.DUPLICATE) {
      throw new ApiError(21, "Unexpected API Failure - object refused: " + r.verdict());
    }
    return object.inventoryVector().toHex();
  }

  private Object messagesByTag(Params p) {
    String hex = p.string(0).strip();
    if (hex.length() != 64) {
      throw new ApiError(19, "The length of hash should be 32 bytes (encoded in hex thus 64 characters).");
    }
    Bytes tag = Bytes.of(p.hex(0));
    List<Object> out = new ArrayList<>();
    for (long type : new long[] {ObjectType.MSG, ObjectType.BROADCAST}) {
      for (InventoryItem item : node.inventory().byTag(type, tag)) {
        out.add(Map.of("data", item.toObject().raw().toHex()));
      }
    }
    return Map.of("receivedMessageDatas", out);
  }

  // ---- helpers ----

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static Map<String, Object> ordered(@Nullable Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Positional parameters with PyBitmessage's conversions. */
  static final class Params {
    private final List<Object> values;

    Params(List<Object> values) {
      this.values = values;
    }

    int size() {
      return values.size();
    }

    Object get(int i) {
      return values.get(i);
    }

    String string(int i) {
      Object v = values.get(i);
      if (v instanceof String s) {
        return s;
      }
      if (v instanceof Long || v instanceof Boolean) {
        return String.valueOf(v);
      }
      throw new ApiError(0, "parameter " + (i + 1) + " must be a string");
    }

    long integer(int i, long dflt) {
      if (i >= values.size() || values.get(i) == null) {
        return dflt;
      }
      Object v = values.get(i);
      if (v instanceof Long l) {
        return l;
      }
      if (v instanceof Boolean b) {
        return b ? 1 : 0;
      }
      if (v instanceof String s) {
        try {
          return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
          throw new ApiError(0, "parameter " + (i + 1) + " must be an integer, got '" + s + "'");
        }
      }
      throw new ApiError(0, "parameter " + (i + 1) + " must be an integer");
    }

    boolean bool(int i, boolean dflt) {
      if (i >= values.size() || values.get(i) == null) {
        return dflt;
      }
      Object v = values.get(i);
      if (v instanceof Boolean b) {
        return b;
      }
      if (v instanceof Long l && (l == 0 || l == 1)) {
        return l == 1;
      }
      throw new ApiError(23, "Bool expected in parameter " + (i + 1) + ", got " + v);
    }

    /** A base64 text parameter (line breaks allowed) decoded as UTF-8. */
    String text(int i, String dflt) {
      if (i >= values.size() || values.get(i) == null) {
        return dflt;
      }
      Object v = values.get(i);
      byte[] bytes;
      if (v instanceof byte[] b) {
        bytes = b;
      } else {
        try {
          bytes = Base64.getMimeDecoder().decode(string(i).strip());
        } catch (IllegalArgumentException e) {
          throw ApiError.decode("parameter " + (i + 1) + " is not base64: " + e.getMessage());
        }
      }
      try {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        throw new ApiError(17, "Label is not valid UTF-8 data.");
      }
    }

    byte[] hex(int i) {
      try {
        return HEX.parseHex(string(i).strip());
      } catch (IllegalArgumentException e) {
        throw ApiError.decode("parameter " + (i + 1) + " is not hex: " + e.getMessage());
      }
    }
  }
}
