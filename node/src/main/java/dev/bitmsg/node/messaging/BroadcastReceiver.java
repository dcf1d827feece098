package dev.bitmsg.node.messaging;

import dev.bitmsg.node.address.BitmessageAddress;
import dev.bitmsg.node.crypto.TrialMatch;
import dev.bitmsg.node.store.Inbox;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.wire.BroadcastPlaintext;
import dev.bitmsg.node.wire.BroadcastV4;
import dev.bitmsg.node.wire.BroadcastV5;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ProtocolException;
import dev.bitmsg.node.wire.SenderKeys;
import dev.bitmsg.node.wire.SignedData;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broadcasts from subscriptions (PROTOCOL.md section 8, receiver side): v5 found by tag, v4 by
 * trial decryption over the v2/v3 subscriptions' keys; the sender's version, stream, address and
 * signature checked, filed in the inbox (deduplicated by sigHash) unless the sender is blacklisted
 * ({@link SenderPolicy#refusesBroadcast}). Thread-safe.
 */
final class BroadcastReceiver {
  private static final Logger log = LoggerFactory.getLogger(BroadcastReceiver.class);

  private final Keyring keyring;
  private final PubkeyFinder finder;
  private final TrialDecryptor decryptor;
  private final SenderSignatures signatures;
  private final SenderPolicy senders;
  private final Inbox inbox;
  private final Clock clock;

  BroadcastReceiver(
      Keyring keyring,
      PubkeyFinder finder,
      TrialDecryptor decryptor,
      SenderSignatures signatures,
      SenderPolicy senders,
      Inbox inbox,
      Clock clock) {
    this.keyring = keyring;
    this.finder = finder;
    this.decryptor = decryptor;
    this.signatures = signatures;
    this.senders = senders;
    this.inbox = inbox;
    this.clock = clock;
  }

  void onV5(ObjectMessage object, BroadcastV5 b) {
    keyring
        .subscribedByTag(b.tag())
        .ifPresent(s -> onBroadcast(object, b.encrypted(), Optional.of(b.tag()), s));
  }

  private void onBroadcast(
      ObjectMessage object, Bytes blob, Optional<Bytes> tag, Keyring.Subscribed sub) {
    decryptor
        .tryDecrypt(blob, sub.key().privateKey())
        .ifPresent(plain -> fileBroadcast(object, plain, tag, sub));
  }

  void onLegacyBroadcast(ObjectMessage object, BroadcastV4 b) {
    Optional<TrialMatch> match = decryptor.tryDecrypt(b.encrypted(), keyring.legacyKeys());
    if (match.isPresent()) {
      fileBroadcast(
          object,
          match.get().plaintext(),
          Optional.empty(),
          keyring.legacySubscriptions().get(match.get().keyIndex()));
    }
  }

  private void fileBroadcast(
      ObjectMessage object, byte[] plain, Optional<Bytes> tag, Keyring.Subscribed sub) {
    BroadcastPlaintext pt;
    try {
      pt = BroadcastPlaintext.read(Bytes.of(plain));
    } catch (ProtocolException | IllegalArgumentException e) {
      return;
    }
    SenderKeys s = pt.sender();
    boolean v5 = tag.isPresent();
    if ((v5 && s.addressVersion() < 4)
        || (!v5 && (s.addressVersion() < 2 || s.addressVersion() > 3))
        || s.stream() != object.stream()) {
      return;
    }
    BitmessageAddress from =
        finder.addressOf((int) s.addressVersion(), s.stream(), s.signingKey(), s.encryptionKey());
    if (!from.equals(sub.address())) {
      return;
    }
    Bytes signed =
        v5
            ? SignedData.broadcastV5(object.header(), tag.get(), pt)
            : SignedData.broadcastV4(object.header(), pt);
    if (!signatures.verified(s, signed, pt.signature()) || pt.encoding() == 0) {
      return;
    }
    if (senders.refusesBroadcast(sub.text())) {
      log.info("broadcast refused from={} reason=blacklist", sub.text());
      return;
    }
    if (inbox.add(
        new InboxEntry(
            0,
            OutboxEntry.Kind.BROADCAST,
            Optional.empty(),
            sub.text(),
            pt.encoding(),
            pt.message(),
            now(),
            signatures.sigHash(pt.signature())))) {
      log.info("broadcast received from={}", sub.text());
    }
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }
}
