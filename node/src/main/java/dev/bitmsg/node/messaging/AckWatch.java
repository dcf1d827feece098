package dev.bitmsg.node.messaging;

import dev.bitmsg.node.store.Outbox;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.wire.Bytes;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acks we wait for: the ack data of each sent msg that expects one, mapped to its outbox row.
 * The receiver matches arriving objects against it; a match marks the row ack received. Kept in
 * memory and re-armed from the outbox at start. Thread-safe.
 */
final class AckWatch {
  private static final Logger log = LoggerFactory.getLogger(AckWatch.class);

  private final Outbox outbox;
  private final Clock clock;
  private final Map<Bytes, Long> watchedAcks = new ConcurrentHashMap<>();

  AckWatch(Outbox outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  /** Watches the ack data of every row still waiting for its ack or not sent yet. */
  void rearm() {
    for (OutboxEntry e :
        outbox.withStatus(
            EnumSet.of(
                SendStatus.SENT,
                SendStatus.QUEUED,
                SendStatus.DOING_POW,
                SendStatus.AWAITING_PUBKEY))) {
      e.ackData().ifPresent(a -> watchedAcks.put(a, e.id()));
    }
  }

  void watch(Bytes ackData, long id) {
    watchedAcks.put(ackData, id);
  }

  void forget(Bytes ackData) {
    watchedAcks.remove(ackData);
  }

  /** The outbox row waiting for {@code ackData}, if any. */
  Optional<Long> ackWatcher(Bytes ackData) {
    return Optional.ofNullable(watchedAcks.get(ackData));
  }

  /** Whether an object of this many bytes could be an ack we watch (cheap pre-check). */
  boolean watchesAckLength(int ackDataLength) {
    for (Bytes b : watchedAcks.keySet()) {
      if (b.length() == ackDataLength) {
        return true;
      }
    }
    return false;
  }

  void ackReceived(long id, Bytes ackData) {
    watchedAcks.remove(ackData);
    Optional<OutboxEntry> e = outbox.get(id);
    if (e.isPresent() && !e.get().status().isFinal()) {
      outbox.setStatus(
          id, SendStatus.ACK_RECEIVED, clock.instant().getEpochSecond(), Optional.empty());
      log.info("ack received id={}", id);
    }
  }
}
