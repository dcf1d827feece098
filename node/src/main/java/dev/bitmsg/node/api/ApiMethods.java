package dev.bitmsg.node.api;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.AddressException;
import dev.bitmsg.node.messaging.Messenger;
import dev.bitmsg.node.store.ClientState;
import dev.bitmsg.node.store.SenderList;
import dev.bitmsg.node.store.StorageFullException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The PyBitmessage client API method table (PROTOCOL.md section 10) over one running node: same
 * names, aliases, parameter counts, base64/hex conventions, result shapes and error codes, for the
 * variant served (the legacy aliases only in the legacy variant, as PyBitmessage). The calls
 * themselves live in one class per area ({@link AddressMethods}, {@link InboxMethods}, {@link
 * SentMethods}, {@link SendingMethods}, {@link ContactMethods}, {@link SenderListMethods}, {@link
 * NetworkMethods}, {@link MaintenanceMethods}); this class enters them under their names ({@link
 * MethodTable}), with their help ({@link MethodHelp}), and runs a call. Transport-neutral: {@link
 * ApiServer} decodes the request and shapes the answer for the variant. Thread-safe (the messaging
 * facade and the stores are).
 */
public final class ApiMethods {
  /** PyBitmessage's "to" text for broadcasts. */
  static final String BROADCAST_TO = "[Broadcast subscribers]";

  /** What PyBitmessage's XML-RPC server answers to {@code system.methodSignature}. */
  static final String NO_SIGNATURES = "signatures not supported";

  private final AddressMethods addresses;
  private final InboxMethods inbox;
  private final SentMethods sent;
  private final SendingMethods sending;
  private final ContactMethods contacts;
  private final SenderListMethods senderLists;
  private final NetworkMethods network;
  private final MaintenanceMethods maintenance;
  private final MethodTable table;
  private final MethodHelp help = MethodHelp.load();

  public ApiMethods(ApiPorts ports, ApiSettings.Variant variant) {
    Messenger messenger = ports.messenger();
    ClientState state = ports.clientState();
    AddressCodec codec = ports.codec();
    AddressArguments arguments = new AddressArguments(messenger, codec);
    this.addresses =
        new AddressMethods(
            messenger, codec, ports.generator(), arguments, ports.lists().mailingLists());
    this.inbox = new InboxMethods(messenger, state);
    this.sent = new SentMethods(messenger);
    this.sending = new SendingMethods(messenger, codec, arguments);
    this.contacts = new ContactMethods(messenger, state, arguments);
    this.senderLists = new SenderListMethods(ports.lists().senderLists(), arguments);
    this.network = new NetworkMethods(ports.network());
    this.maintenance = new MaintenanceMethods(ports.maintenance(), state);
    this.table = new MethodTable(variant == ApiSettings.Variant.LEGACY);
    registerPyBitmessage();
    registerExtensions();
  }

  /** The method names, aliases included, sorted (what {@code system.listMethods} answers). */
  public List<String> names() {
    return table.names();
  }

  /**
   * Runs one call.
   *
   * @throws ApiError with PyBitmessage's code for every refused call
   */
  public Object call(String name, List<Object> params) throws InterruptedException {
    MethodTable.Method m =
        table.get(name).orElseThrow(() -> new ApiError(20, "Invalid method: " + name));
    if (params.size() < m.minParams() || params.size() > m.maxParams()) {
      throw ApiError.paramCount(name, m.minParams(), m.maxParams(), params.size());
    }
    try {
      return m.handler().handle(new Params(params));
    } catch (ApiError | InterruptedException e) {
      throw e;
    } catch (AddressException e) {
      throw AddressArguments.addressError(e);
    } catch (StorageFullException e) {
      // The node stays up; the store logged the full disk once and the metrics show it.
      throw new ApiError(21, e.getMessage() + "; nothing was changed, retry once space is free");
    } catch (IllegalArgumentException e) {
      throw new ApiError(21, "Unexpected API Failure - " + e.getMessage());
    }
  }

  /** The help of a method or alias: its call line, then what it does. */
  String methodHelp(String name) {
    MethodTable.Method m =
        table.get(name).orElseThrow(() -> new ApiError(20, "Invalid method: " + name));
    List<String> aliases = table.aliases(m.primary());
    String text = help.of(m.primary()).orElse(m.primary());
    return aliases.isEmpty() ? text : text + "\n\nAlso called: " + String.join(", ", aliases);
  }

  /** PyBitmessage v0.6's methods, its aliases and its introspection. */
  private void registerPyBitmessage() {
    MethodTable t = table;
    t.add("helloWorld", 2, 2, p -> p.string(0) + "-" + p.string(1));
    t.add("add", 2, 2, p -> p.integer(0, 0) + p.integer(1, 0));
    t.add(
        "statusBar",
        1,
        1,
        p -> {
          p.string(0);
          return "success";
        });
    t.add("system.listMethods", 0, 0, p -> names());
    t.add("system.methodHelp", 1, 1, p -> methodHelp(p.string(0)));
    t.add("system.methodSignature", 1, 1, p -> NO_SIGNATURES);
    t.add("decodeAddress", 1, 1, p -> addresses.decodeAddress(p.string(0)));
    t.add("listAddresses", 0, 0, p -> addresses.listAddresses(false));
    t.add("listAddresses2", 0, 0, p -> addresses.listAddresses(true));
    t.add("createRandomAddress", 1, 4, addresses::createRandomAddress);
    t.add("createDeterministicAddresses", 1, 7, addresses::createDeterministicAddresses);
    t.add("getDeterministicAddress", 3, 3, addresses::getDeterministicAddress);
    t.add("createChan", 1, 1, addresses::createChan);
    t.add("joinChan", 2, 2, addresses::joinChan);
    t.add("leaveChan", 1, 1, addresses::leaveChan);
    t.add("deleteAddress", 1, 1, addresses::deleteAddress);
    t.add("enableAddress", 1, 2, addresses::enableAddress);
    t.add("getAllInboxMessages", 0, 0, inbox::getAllInboxMessages);
    t.add("getAllInboxMessageIds", 0, 0, inbox::getAllInboxMessageIds, "getAllInboxMessageIDs");
    t.add("getInboxMessageById", 1, 2, inbox::getInboxMessageById, "getInboxMessageByID");
    t.add("getInboxMessagesByReceiver", 1, 1, inbox::getInboxMessagesByReceiver);
    t.legacyAlias("getInboxMessagesByAddress", "getInboxMessagesByReceiver");
    t.add("getAllSentMessages", 0, 0, sent::getAllSentMessages);
    t.add("getAllSentMessageIds", 0, 0, sent::getAllSentMessageIds, "getAllSentMessageIDs");
    t.add("getSentMessageById", 1, 1, sent::getSentMessageById, "getSentMessageByID");
    t.add(
        "getSentMessagesByAddress",
        1,
        1,
        sent::getSentMessagesByAddress,
        "getSentMessagesBySender");
    t.add("getSentMessageByAckData", 1, 1, sent::getSentMessageByAckData);
    t.add("getStatus", 1, 1, sent::getStatus);
    t.add("trashMessage", 1, 1, p -> sent.trashMessage(p, inbox));
    t.add("trashInboxMessage", 1, 1, inbox::trashInboxMessage);
    t.add("trashSentMessage", 1, 1, sent::trashSentMessage);
    t.add("trashSentMessageByAckData", 1, 1, sent::trashSentMessageByAckData);
    t.add("undeleteMessage", 1, 1, inbox::undeleteMessage);
    t.add("sendMessage", 4, 6, sending::sendMessage);
    t.add("sendBroadcast", 3, 5, sending::sendBroadcast);
    t.add("addSubscription", 1, 2, contacts::addSubscription);
    t.add("deleteSubscription", 1, 1, contacts::deleteSubscription);
    t.add("listSubscriptions", 0, 0, contacts::listSubscriptions);
    t.add("addAddressBookEntry", 2, 2, contacts::addAddressBookEntry);
    t.legacyAlias("addAddressbook", "addAddressBookEntry");
    t.add("listAddressBookEntries", 0, 1, contacts::listAddressBookEntries);
    t.legacyAlias("listAddressbook", "listAddressBookEntries");
    t.add("deleteAddressBookEntry", 1, 1, contacts::deleteAddressBookEntry);
    t.legacyAlias("deleteAddressbook", "deleteAddressBookEntry");
    t.add("clientStatus", 0, 0, p -> network.clientStatus());
    t.add("listConnections", 0, 0, p -> network.listConnections());
    t.add("disseminatePreEncryptedMsg", 1, 3, network::disseminate, "disseminatePreparedObject");
    t.add("disseminatePubkey", 1, 1, network::disseminatePubkey);
    t.add(
        "getMessageDataByDestinationHash",
        1,
        1,
        network::messagesByTag,
        "getMessageDataByDestinationTag");
    t.add("deleteAndVacuum", 0, 0, p -> maintenance.deleteAndVacuum());
    t.add("shutdown", 0, 0, p -> maintenance.shutdown());
  }

  /** This node's extensions (docs/api.md). */
  private void registerExtensions() {
    MethodTable t = table;
    t.add("getSendProgress", 1, 1, sent::getSendProgress);
    t.add("cancelSending", 1, 1, sent::cancelSending);
    t.add("listPubkeyWork", 0, 0, sending::listPubkeyWork);
    t.add("getBlackWhitelistMode", 0, 0, senderLists::mode);
    t.add("setBlackWhitelistMode", 1, 1, senderLists::setMode);
    for (SenderList list : SenderList.values()) {
      String name = list == SenderList.BLACK ? "Blacklist" : "Whitelist";
      t.add("add" + name + "Entry", 1, 2, p -> senderLists.add(list, p));
      t.add("delete" + name + "Entry", 1, 1, p -> senderLists.delete(list, p));
      t.add("list" + name + "Entries", 0, 0, p -> senderLists.list(list, p));
      t.add("enable" + name + "Entry", 1, 2, p -> senderLists.enable(list, p));
    }
    t.add("setMailingList", 1, 3, addresses::setMailingList);
    t.add("listMailingLists", 0, 0, addresses::listMailingLists);
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
