package dev.bitmsg.node.messaging;

import static dev.bitmsg.node.messaging.OwnIdentities.unknown;
import static dev.bitmsg.node.messaging.ResendPolicy.resendTtl;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.BitmessageAddress;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.store.IdentityStore;
import dev.bitmsg.node.store.Outbox;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.PubkeyStore;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.store.StorageFullException;
import dev.bitmsg.node.store.StoredPubkey;
import dev.bitmsg.node.wire.Acks;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.pow.Difficulty;
import dev.bitmsg.pow.PowException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender thread's work (PROTOCOL.md section 9): one pass walks the persistent outbox through
 * its states: queued, awaiting pubkey (getpubkey job queued), doing PoW, sent, ack received / sent
 * without ack, too difficult, failed. Due rows are resent ({@link ResendPolicy}) or given up;
 * queued rows are encrypted, solved and published; pending pubkey work runs first. The finished
 * object is saved in its row before it goes to the inventory, so after a crash it is re-published
 * rather than made again. A full disk ({@link StorageFullException}) fails nothing: the row goes
 * back to queued (at the next pass if the disk refuses even that) and is sent once space is free.
 * Sender thread only; not thread-safe.
 */
final class OutboxSender {
  private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

  private final MessagingSettings settings;
  private final Clock clock;
  private final IdentityStore identities;
  private final Keyring keyring;
  private final Outbox outbox;
  private final PubkeyStore pubkeys;
  private final AddressCodec codec;
  private final ObjectFactory factory;
  private final PowWorker pow;
  private final PubkeyFinder finder;
  private final Consumer<ObjectMessage> publish;
  private final PubkeyWork pubkeyWork;
  private final AckWatch watchedAcks;
  private final SendProgress progress;
  private final OutboxGate gate;
  private final SecureRandom random = new SecureRandom();
  private long lastRepublishCheck = System.nanoTime() - Long.MAX_VALUE / 2;
  private boolean requeueAfterFull;

  OutboxSender(
      SendingContext context,
      PubkeyWork pubkeyWork,
      AckWatch watchedAcks,
      SendProgress progress,
      OutboxGate gate) {
    this.settings = context.settings();
    this.clock = context.clock();
    this.identities = context.stores().identities();
    this.keyring = context.addressing().keyring();
    this.outbox = context.stores().outbox();
    this.pubkeys = context.stores().pubkeys();
    this.codec = context.addressing().codec();
    this.factory = context.making().factory();
    this.pow = context.making().pow();
    this.finder = context.addressing().pubkeys();
    this.publish = context.making().publish();
    this.pubkeyWork = pubkeyWork;
    this.watchedAcks = watchedAcks;
    this.progress = progress;
    this.gate = gate;
  }

  /** One pass over the pending work; failures are logged, the next pass tries again. */
  void runDue() {
    try {
      if (requeueAfterFull) {
        // A row left in DOING_POW by a full disk: this thread is the only one doing PoW.
        outbox.requeueInterrupted(now());
        requeueAfterFull = false;
      }
      // Once per check interval, not on every wake-up: it reads a row per identity.
      long tick = System.nanoTime();
      if (tick - lastRepublishCheck >= settings.checkInterval().toNanos()) {
        lastRepublishCheck = tick;
        pubkeyWork.queueDueRepublications(keyring.identities());
      }
      pubkeyWork.runPending();
      long now = now();
      for (OutboxEntry e : outbox.toSend(EnumSet.of(SendStatus.SENT, SendStatus.AWAITING_PUBKEY))) {
        if (e.status() == SendStatus.AWAITING_PUBKEY
            && pubkeys.get(e.to().orElseThrow()).isPresent()) {
          outbox.markSent(e.id(), SendStatus.QUEUED, 0, 0, now);
          continue;
        }
        if (e.sleepTill() > now) {
          continue;
        }
        if (now - e.created() > settings.giveUpAfter().toSeconds()) {
          // PyBitmessage leaves such a row as it was (msgsent, awaitingpubkey) and stops resending;
          // the API shows that word, with "failed" in its extra field.
          outbox.stop(e.id(), SendStatus.FAILED, now, "no answer within " + settings.giveUpAfter());
          e.ackData().ifPresent(watchedAcks::forget);
          continue;
        }
        log.info("message resent id={} attempt={}", e.id(), e.retries() + 1);
        outbox.setStatus(e.id(), SendStatus.QUEUED, now, Optional.empty());
      }
      for (OutboxEntry e : outbox.toSend(EnumSet.of(SendStatus.QUEUED))) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        handle(e);
      }
      // getpubkeys queued by the msgs above.
      pubkeyWork.runPending();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (StorageFullException e) {
      log.warn("sender pass put off, storage full cause={}", e.getMessage());
    } catch (RuntimeException e) {
      log.warn("sender pass failed", e);
    }
  }

  private void handle(OutboxEntry e) throws InterruptedException {
    try {
      if (e.solved().isPresent()) {
        finish(e, ObjectMessage.of(e.solved().get()), e.powBy().orElse("?"));
        return;
      }
      if (e.kind() == OutboxEntry.Kind.BROADCAST) {
        sendBroadcast(e);
      } else {
        sendMsg(e);
      }
    } catch (OutboxGate.Stopped stopped) {
      // Trashed (the row waits in the trash as it was before its work) or cancelled (it is final
      // already, which the status update below leaves alone).
      log.info("message work stopped id={}", e.id());
      if (outbox.get(e.id()).map(x -> x.status() == SendStatus.DOING_POW).orElse(false)) {
        outbox.setStatus(e.id(), SendStatus.QUEUED, now(), Optional.of("stopped"));
      }
    } catch (StorageFullException ex) {
      log.warn("message kept for a retry, storage full id={} cause={}", e.id(), ex.getMessage());
      requeueAfterFull = true;
    } catch (RuntimeException ex) {
      if (ex instanceof PowException) {
        log.warn("pow failed, will retry id={} cause={}", e.id(), ex.getMessage());
        outbox.setStatus(
            e.id(), SendStatus.QUEUED, now(), Optional.of("pow failed: " + ex.getMessage()));
        return;
      }
      log.warn("message failed id={}", e.id(), ex);
      outbox.stop(e.id(), SendStatus.FAILED, now(), String.valueOf(ex.getMessage()));
    } finally {
      progress.done(e.id());
    }
  }

  private record Recipient(Bytes encryptionKey, Difficulty demanded, boolean expectsAck) {}

  private Optional<Recipient> recipient(OutboxEntry e) {
    BitmessageAddress to = codec.decode(e.to().orElseThrow());
    Optional<Identity> own = keyring.own(to);
    if (own.isPresent()) {
      return Optional.of(
          new Recipient(
              Bytes.of(own.get().encryption().publicKey().wireBytes()),
              Difficulty.NETWORK_DEFAULT,
              false));
    }
    Optional<StoredPubkey> pk = pubkeys.get(e.to().get());
    if (pk.isEmpty()) {
      pk = finder.fromInventory(to);
    }
    return pk.map(
        p ->
            new Recipient(
                p.encryptionKey(), p.difficulty(), p.doesAck() && e.ackData().isPresent()));
  }

  private void sendMsg(OutboxEntry e) throws InterruptedException {
    Identity from = identities.identity(e.from()).orElseThrow(() -> unknown(e.from()));
    Optional<Recipient> r = recipient(e);
    if (r.isEmpty()) {
      requestPubkey(e);
      return;
    }
    if (keyring.own(codec.decode(e.to().get())).isEmpty()) {
      pubkeys.markUsed(e.to().get());
    }
    Difficulty demanded = r.get().demanded().effective();
    Difficulty max = settings.maxDifficulty();
    if (Long.compareUnsigned(demanded.nonceTrialsPerByte(), max.nonceTrialsPerByte()) > 0
        || Long.compareUnsigned(demanded.payloadLengthExtraBytes(), max.payloadLengthExtraBytes())
            > 0) {
      outbox.setStatus(
          e.id(), SendStatus.TOO_DIFFICULT, now(), Optional.of("recipient demands " + demanded));
      return;
    }
    long now = now();
    outbox.setStatus(e.id(), SendStatus.DOING_POW, now, Optional.empty());
    long ttl = resendTtl(e.ttl(), e.retries());
    long expires = now + ttl + ResendPolicy.jitter(ttl, random);
    Bytes ackField = Bytes.EMPTY;
    if (r.get().expectsAck()) {
      Bytes ackData = e.ackData().get();
      long ackExpires = Acks.ackExpiresTime(now, ttl, random);
      ObjectMessage ack =
          Acks.ackObject(ackData, ackExpires, bytes -> solveAck(e.id(), bytes, now));
      ackField = Acks.frame(ack);
      watchedAcks.watch(ackData, e.id());
    }
    ObjectMessage unsolved =
        factory.msg(
            from,
            codec.decode(e.to().get()),
            r.get().encryptionKey(),
            e.encoding(),
            e.message(),
            ackField,
            expires);
    PowWorker.Solved solved =
        gate.solve(
            e.id(),
            () ->
                pow.solve(
                    unsolved, now, demanded, p -> progress.update(e.id(), p, unsolved, demanded)));
    outbox.saveSolved(e.id(), solved.object().raw(), solved.by());
    finish(outbox.get(e.id()).orElseThrow(), solved.object(), solved.by());
  }

  private long solveAck(long id, Bytes withoutNonce, long now) {
    try {
      return gate.solve(id, () -> pow.solveBytes(withoutNonce, now, Difficulty.NETWORK_DEFAULT));
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new PowException("interrupted while making the ack");
    }
  }

  /**
   * Publishes a solved object and records the sent state, unless the row was trashed or cancelled
   * in the meantime.
   */
  private void finish(OutboxEntry e, ObjectMessage object, String by) {
    boolean expectsAck =
        e.kind() == OutboxEntry.Kind.MSG && recipient(e).map(Recipient::expectsAck).orElse(false);
    boolean published =
        gate.publish(
            e.id(),
            () -> {
              publish.accept(object);
              long now = now();
              long ttl = Math.max(object.expiresTime() - now, 1);
              outbox.markSent(
                  e.id(),
                  expectsAck ? SendStatus.SENT : SendStatus.SENT_NO_ACK,
                  e.retries() + 1,
                  e.kind() == OutboxEntry.Kind.BROADCAST ? 0 : now + ttl + ttl / 10,
                  now);
            });
    if (!published) {
      throw new OutboxGate.Stopped(e.id());
    }
    log.info("message sent kind={} id={} powBy={}", e.kind(), e.id(), by);
  }

  private void sendBroadcast(OutboxEntry e) throws InterruptedException {
    Identity from = identities.identity(e.from()).orElseThrow(() -> unknown(e.from()));
    long now = now();
    outbox.setStatus(e.id(), SendStatus.DOING_POW, now, Optional.empty());
    ObjectMessage unsolved =
        factory.broadcast(
            from, e.encoding(), e.message(), now + e.ttl() + ResendPolicy.jitter(e.ttl(), random));
    PowWorker.Solved solved =
        gate.solve(
            e.id(),
            () ->
                pow.solve(
                    unsolved,
                    now,
                    Difficulty.NETWORK_DEFAULT,
                    p -> progress.update(e.id(), p, unsolved, Difficulty.NETWORK_DEFAULT)));
    outbox.saveSolved(e.id(), solved.object().raw(), solved.by());
    finish(outbox.get(e.id()).orElseThrow(), solved.object(), solved.by());
  }

  private void requestPubkey(OutboxEntry e) {
    long now = now();
    String to = e.to().orElseThrow();
    for (OutboxEntry other : outbox.withStatus(EnumSet.of(SendStatus.AWAITING_PUBKEY))) {
      if (other.id() != e.id() && other.to().equals(e.to()) && other.sleepTill() > now) {
        outbox.markAwaiting(e.id(), e.retries(), other.sleepTill(), now);
        return;
      }
    }
    long ttl = ResendPolicy.getpubkeyTtl(e.retries());
    pubkeyWork.request(to, ttl, "msg " + e.id());
    outbox.markAwaiting(e.id(), e.retries() + 1, now + ttl + ttl / 10, now);
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }
}
