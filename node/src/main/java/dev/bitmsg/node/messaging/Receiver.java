package dev.bitmsg.node.messaging;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.BitmessageAddress;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.content.ContentDecodeException;
import dev.bitmsg.node.content.MessageContent;
import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.node.crypto.TrialMatch;
import dev.bitmsg.node.store.Inbox;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.PubkeyStore;
import dev.bitmsg.node.store.StoredPubkey;
import dev.bitmsg.node.wire.Acks;
import dev.bitmsg.node.wire.BroadcastV4;
import dev.bitmsg.node.wire.BroadcastV5;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.GetPubkey;
import dev.bitmsg.node.wire.MsgPayload;
import dev.bitmsg.node.wire.MsgPlaintext;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ObjectPayload;
import dev.bitmsg.node.wire.ObjectPayloads;
import dev.bitmsg.node.wire.ObjectType;
import dev.bitmsg.node.wire.ProtocolException;
import dev.bitmsg.node.wire.PubkeyV4;
import dev.bitmsg.node.wire.SenderKeys;
import dev.bitmsg.node.wire.SignedData;
import dev.bitmsg.pow.ObjectPow;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.TrialValue;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes every object newly stored in the inventory (PROTOCOL.md section 8, receiver side): acks
 * we watch; msgs trial-decrypted against all enabled identities at once (one ECDH per key, rejected
 * by MAC before AES), destination ripe and signature checked, sender pubkey kept, filed in the
 * inbox (deduplicated by sigHash) unless the sender lists refuse it ({@link SenderPolicy}), the
 * embedded ack published, a mailing-list address's msg re-broadcast ({@link MailingListRelay});
 * broadcasts ({@link BroadcastReceiver}) v5 by tag and v4 by trial decryption against
 * subscriptions; pubkeys we wait for; getpubkeys for own enabled non-chan addresses (answered
 * through a pubkey job unless our last pubkey is still live). {@link ReceiveWorkers} runs it on a
 * small pool, durably: an object may be processed again after a crash, so every step is idempotent
 * (inbox unique by sigHash, the embedded ack published again when the message is already filed,
 * pubkeys replaced, statuses only move forward), and objects may be processed in any order. A
 * mailing-list re-broadcast happens when the msg is first filed only. Thread-safe.
 */
public final class Receiver {
  private static final Logger log = LoggerFactory.getLogger(Receiver.class);

  private final Keyring keyring;
  private final Messenger messenger;
  private final PubkeyFinder finder;
  private final TrialDecryptor decryptor;
  private final SenderSignatures signatures;
  private final PowRules powRules;
  private final BroadcastReceiver broadcasts;
  private final AddressCodec codec;
  private final Inbox inbox;
  private final PubkeyStore pubkeys;
  private final MessagingSettings settings;
  private final Consumer<ObjectMessage> publish;
  private final Clock clock;
  private final SenderPolicy senders;
  private final MailingListRelay mailingLists;

  /**
   * @param stores the observed stores ({@link MessagingStores#observedBy}), as the messenger's
   * @param publish publishes the embedded acks of received msgs
   */
  public Receiver(
      Messenger messenger,
      MessagingStores stores,
      Addressing addressing,
      ReceiveChecks checks,
      MessagingSettings settings,
      Consumer<ObjectMessage> publish,
      Clock clock) {
    this.keyring = addressing.keyring();
    this.messenger = messenger;
    this.finder = addressing.pubkeys();
    this.decryptor = new TrialDecryptor(checks.ecies());
    this.signatures = new SenderSignatures(checks.verifier(), checks.hashes());
    this.powRules = checks.powRules();
    this.codec = addressing.codec();
    this.inbox = stores.inbox();
    this.pubkeys = stores.pubkeys();
    this.settings = settings;
    this.publish = publish;
    this.clock = clock;
    this.senders = new SenderPolicy(stores.senderLists(), stores.identities());
    this.mailingLists = new MailingListRelay(stores.mailingLists(), messenger, clock);
    this.broadcasts =
        new BroadcastReceiver(keyring, finder, decryptor, signatures, senders, inbox, clock);
  }

  /**
   * Processes one object on the calling thread; returns once its effects have committed.
   *
   * @throws dev.bitmsg.node.store.StoreException when a store refused an effect: the object is to
   *     be processed again later
   */
  public void process(ObjectMessage object) {
    int ackLength = object.length() - 16;
    if (ackLength > 0 && messenger.watchesAckLength(ackLength)) {
      Bytes ackData = object.rawSlice(16, object.length());
      Optional<Long> id = messenger.ackWatcher(ackData);
      if (id.isPresent() && Acks.isAckFor(object, ackData)) {
        messenger.ackReceived(id.get(), ackData);
        return;
      }
    }
    ObjectPayload payload;
    try {
      payload = ObjectPayloads.parse(object);
    } catch (ProtocolException e) {
      return;
    }
    if (payload instanceof MsgPayload m) {
      onMsg(object, m);
    } else if (payload instanceof BroadcastV5 b) {
      broadcasts.onV5(object, b);
    } else if (payload instanceof BroadcastV4 b) {
      broadcasts.onLegacyBroadcast(object, b);
    } else if (payload instanceof PubkeyV4) {
      onPubkeyV4(object);
    } else if (object.objectType() == ObjectType.PUBKEY) {
      finder.readPlain(object).ifPresent(pk -> messenger.pubkeyArrived(pk.address()));
    } else if (payload instanceof GetPubkey g) {
      onGetpubkey(object, g);
    }
  }

  /** Tries every enabled identity's key on a msg; returns the match. */
  public Optional<TrialMatch> tryDecrypt(Bytes blob, List<PrivateKey> keys) {
    return decryptor.tryDecrypt(blob, keys);
  }

  private void onMsg(ObjectMessage object, MsgPayload m) {
    List<Identity> ids = keyring.receiving();
    Optional<TrialMatch> match = tryDecrypt(m.encrypted(), keyring.receivingKeys());
    if (match.isEmpty()) {
      return;
    }
    Identity me = ids.get(match.get().keyIndex());
    MsgPlaintext pt;
    try {
      pt = MsgPlaintext.read(Bytes.of(match.get().plaintext()));
    } catch (ProtocolException | IllegalArgumentException e) {
      log.info("msg undecodable to={} cause={}", codec.encode(me.address()), e.getMessage());
      return;
    }
    if (!Arrays.equals(pt.destinationRipe().toByteArray(), me.address().ripe().bytes())) {
      log.info("msg dropped to={} reason=names another destination", codec.encode(me.address()));
      return;
    }
    SenderKeys s = pt.sender();
    if (s.addressVersion() < 2 || s.addressVersion() > 4 || s.stream() == 0) {
      return;
    }
    if (!signatures.verified(s, SignedData.msg(object.header(), pt), pt.signature())) {
      log.info("msg dropped reason=bad signature");
      return;
    }
    BitmessageAddress from =
        finder.addressOf((int) s.addressVersion(), s.stream(), s.signingKey(), s.encryptionKey());
    String fromText = codec.encode(from);
    if (!me.chan() && !senders.friendly(fromText) && !sufficientForMe(object, me)) {
      log.info(
          "msg dropped from={} to={} reason=less work than demanded",
          fromText,
          codec.encode(me.address()));
      return;
    }
    pubkeys.put(
        new StoredPubkey(
            fromText,
            s.behaviorBitfield(),
            s.signingKey(),
            s.encryptionKey(),
            s.difficultyOrDefault(),
            now()));
    messenger.pubkeyArrived(fromText);
    if (pt.encoding() == 0) {
      return;
    }
    String toText = codec.encode(me.address());
    if (senders.refusesMsg(fromText)) {
      // Not filed, not acknowledged, not re-broadcast (PyBitmessage's blockMessage).
      log.info("msg refused from={} to={} reason=sender list", fromText, toText);
      return;
    }
    InboxEntry entry =
        new InboxEntry(
            0,
            OutboxEntry.Kind.MSG,
            Optional.of(toText),
            fromText,
            pt.encoding(),
            pt.message(),
            now(),
            signatures.sigHash(pt.signature()));
    // Not fresh: filed before, by this process or by one killed before it published the ack.
    if (inbox.add(entry)) {
      log.info("msg received from={} to={}", fromText, toText);
      relay(toText, fromText, entry);
    }
    // Published again when not fresh: the inventory ignores an ack it holds, and an ack a crash
    // kept from going out goes out now. PyBitmessage: no ack from a chan, nor from an address set
    // to dontsendack.
    if (!me.chan() && settings.sendAcks() && me.sendAcks() && !pt.ackData().isEmpty()) {
      try {
        publish.accept(Acks.parseEmbedded(pt.ackData()));
      } catch (ProtocolException | IllegalArgumentException e) {
        log.info("embedded ack unusable cause={}", e.getMessage());
      }
    }
  }

  private void relay(String to, String from, InboxEntry entry) {
    MessageContent content;
    try {
      content = messenger.content(entry);
    } catch (ContentDecodeException e) {
      log.info("msg not relayed to={} cause={}", to, e.getMessage());
      return;
    }
    mailingLists.received(to, from, content);
  }

  private void onPubkeyV4(ObjectMessage object) {
    for (String awaited : messenger.awaitedAddresses()) {
      BitmessageAddress a;
      try {
        a = codec.decode(awaited);
      } catch (RuntimeException e) {
        continue;
      }
      if (a.version() >= 4 && finder.readV4(object, a).isPresent()) {
        messenger.pubkeyArrived(awaited);
        return;
      }
    }
  }

  private void onGetpubkey(ObjectMessage object, GetPubkey g) {
    Optional<Identity> me;
    if (g.isTag()) {
      me = keyring.ownByTag(g.ripeOrTag());
    } else {
      me =
          keyring.receiving().stream()
              .filter(id -> Arrays.equals(id.address().ripe().bytes(), g.ripeOrTag().toByteArray()))
              .findFirst();
    }
    if (me.isPresent()
        && !me.get().chan()
        && me.get().address().version() == object.version()
        && me.get().address().stream() == object.stream()) {
      messenger.pubkeyRequested(me.get());
    }
  }

  /**
   * PROTOCOL.md section 5: a msg to an own v3+ address must meet the difficulty that address
   * demands, under the node's PoW rules (as the network check applies them).
   */
  private boolean sufficientForMe(ObjectMessage object, Identity me) {
    if (me.address().version() < 3 || !me.difficulty().exceedsNetworkDefault()) {
      return true;
    }
    byte[] raw = object.raw().toByteArray();
    long target = powRules.objectTarget(raw, now(), me.difficulty());
    return TrialValue.meets(TrialValue.of(object.nonce(), ObjectPow.initialHash(raw)), target);
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }
}
