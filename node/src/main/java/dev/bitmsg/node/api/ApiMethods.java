package dev.bitmsg.node.api;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.AddressException;
import dev.bitmsg.node.messaging.Messenger;
import dev.bitmsg.node.store.ClientState;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The PyBitmessage client API method table (PROTOCOL.md section 10) over one running node: same
 * names, aliases, parameter counts, base64/hex conventions, result shapes and error codes. The
 * calls themselves live in one class per area ({@link AddressMethods}, {@link InboxMethods}, {@link
 * SentMethods}, {@link SendingMethods}, {@link ContactMethods}, {@link NetworkMethods}, {@link
 * MaintenanceMethods}); this class enters them under their names and runs a call.
 * Transport-neutral: {@link ApiServer} decodes XML-RPC or JSON-RPC and calls {@link #call}.
 * Thread-safe (the messaging facade and {@link ClientState} are).
 */
public final class ApiMethods {
  /** PyBitmessage's "to" text for broadcasts. */
  static final String BROADCAST_TO = "[Broadcast subscribers]";

  @FunctionalInterface
  interface Handler {
    Object handle(Params p) throws InterruptedException;
  }

  private record Method(String name, int minParams, int maxParams, Handler handler) {}

  private final AddressMethods addresses;
  private final InboxMethods inbox;
  private final SentMethods sent;
  private final SendingMethods sending;
  private final ContactMethods contacts;
  private final NetworkMethods network;
  private final MaintenanceMethods maintenance;
  private final Map<String, Method> methods = new TreeMap<>();

  public ApiMethods(ApiPorts ports) {
    Messenger messenger = ports.messenger();
    ClientState state = ports.clientState();
    AddressCodec codec = ports.codec();
    AddressArguments arguments = new AddressArguments(messenger, codec);
    this.addresses = new AddressMethods(messenger, codec, ports.generator(), arguments);
    this.inbox = new InboxMethods(messenger, state);
    this.sent = new SentMethods(messenger, state);
    this.sending = new SendingMethods(messenger, codec, arguments);
    this.contacts = new ContactMethods(messenger, state, arguments);
    this.network = new NetworkMethods(ports.network());
    this.maintenance = new MaintenanceMethods(ports.maintenance(), state);
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
      throw AddressArguments.addressError(e);
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

  /** The table: name, parameter count range, handler, aliases. */
  private void register() {
    add("helloWorld", 2, 2, p -> p.string(0) + "-" + p.string(1));
    add("add", 2, 2, p -> p.integer(0, 0) + p.integer(1, 0));
    add(
        "statusBar",
        1,
        1,
        p -> {
          p.string(0);
          return "success";
        });
    add("system.listMethods", 0, 0, p -> names());
    add(
        "system.methodHelp",
        1,
        1,
        p ->
            methods.containsKey(p.string(0))
                ? "See the PyBitmessage API documentation for " + p.string(0)
                : "");
    add("decodeAddress", 1, 1, p -> addresses.decodeAddress(p.string(0)));
    add("listAddresses", 0, 0, p -> addresses.listAddresses(false));
    add("listAddresses2", 0, 0, p -> addresses.listAddresses(true));
    add("createRandomAddress", 1, 4, addresses::createRandomAddress);
    add("createDeterministicAddresses", 1, 7, addresses::createDeterministicAddresses);
    add("getDeterministicAddress", 3, 3, addresses::getDeterministicAddress);
    add("createChan", 1, 1, addresses::createChan);
    add("joinChan", 2, 2, addresses::joinChan);
    add("leaveChan", 1, 1, addresses::leaveChan);
    add("deleteAddress", 1, 1, addresses::deleteAddress);
    add("enableAddress", 1, 2, addresses::enableAddress);
    add("getAllInboxMessages", 0, 0, inbox::getAllInboxMessages);
    add("getAllInboxMessageIds", 0, 0, inbox::getAllInboxMessageIds, "getAllInboxMessageIDs");
    add("getInboxMessageById", 1, 2, inbox::getInboxMessageById, "getInboxMessageByID");
    add(
        "getInboxMessagesByReceiver",
        1,
        1,
        inbox::getInboxMessagesByReceiver,
        "getInboxMessagesByAddress");
    add("getAllSentMessages", 0, 0, sent::getAllSentMessages);
    add("getAllSentMessageIds", 0, 0, sent::getAllSentMessageIds, "getAllSentMessageIDs");
    add("getSentMessageById", 1, 1, sent::getSentMessageById, "getSentMessageByID");
    add(
        "getSentMessagesByAddress",
        1,
        1,
        sent::getSentMessagesByAddress,
        "getSentMessagesBySender");
    add("getSentMessageByAckData", 1, 1, sent::getSentMessageByAckData);
    add("getStatus", 1, 1, sent::getStatus);
    add("getSendProgress", 1, 1, sent::getSendProgress);
    add("listPubkeyWork", 0, 0, sending::listPubkeyWork);
    add("trashMessage", 1, 1, sent::trashMessage);
    add("trashInboxMessage", 1, 1, inbox::trashInboxMessage);
    add("trashSentMessage", 1, 1, sent::trashSentMessage);
    add("trashSentMessageByAckData", 1, 1, sent::trashSentMessageByAckData);
    add("sendMessage", 4, 6, sending::sendMessage);
    add("sendBroadcast", 3, 5, sending::sendBroadcast);
    add("addSubscription", 1, 2, contacts::addSubscription);
    add("deleteSubscription", 1, 1, contacts::deleteSubscription);
    add("listSubscriptions", 0, 0, contacts::listSubscriptions);
    add("addAddressBookEntry", 2, 2, contacts::addAddressBookEntry, "addAddressbook");
    add("listAddressBookEntries", 0, 1, contacts::listAddressBookEntries, "listAddressbook");
    add("deleteAddressBookEntry", 1, 1, contacts::deleteAddressBookEntry, "deleteAddressbook");
    add("clientStatus", 0, 0, p -> network.clientStatus());
    add("listConnections", 0, 0, p -> network.listConnections());
    add("disseminatePreEncryptedMsg", 1, 3, network::disseminate, "disseminatePreparedObject");
    add("disseminatePubkey", 1, 1, network::disseminatePubkey);
    add(
        "getMessageDataByDestinationHash",
        1,
        1,
        network::messagesByTag,
        "getMessageDataByDestinationTag");
    add("deleteAndVacuum", 0, 0, p -> maintenance.deleteAndVacuum());
    add("shutdown", 0, 0, p -> maintenance.shutdown());
  }

  /** A text as base64 of its UTF-8 bytes (labels, subjects, bodies). */
  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Live PoW progress as the API extensions show it (getSendProgress, listPubkeyWork): trials,
   * trialsPerSecond, expectedTrials and etaSeconds (-1 until a rate is measured).
   */
  static void putProgress(Map<String, Object> fields, Messenger.Progress p) {
    fields.put("trials", p.trials());
    fields.put("trialsPerSecond", p.trialsPerSecond());
    fields.put("expectedTrials", p.expectedTrials());
    double eta = p.etaSeconds();
    fields.put("etaSeconds", Double.isNaN(eta) ? -1.0 : eta);
  }

  /** A struct whose members keep the order given ({@code name, value, name, value, ...}). */
  static Map<String, Object> ordered(@Nullable Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
