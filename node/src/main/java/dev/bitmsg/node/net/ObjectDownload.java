package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.GetData;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.ObjectMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objects we fetch from one peer (PROTOCOL.md 3.4): queues what it announces and we lack (known
 * vectors are answered from memory, {@link ObjectIngest#isKnown}), requests a bounded number at a
 * time (node-wide claims in the {@link RequestTracker}, so two peers are not asked for the same
 * object, and a silent announcer's claims lapse after the claim timeout), forgets requests after
 * the request timeout, and ingests what it delivers in batches: new objects go on to the other
 * peers, an invalid one costs the peer misbehaviour points ({@link Violation#INVALID_OBJECT}).
 *
 * <p>Bounded: announcements spend a per-peer budget ({@link PeerPolicy#announceRate()}); while it
 * is overdrawn, or while the peer owes {@code maxPendingPerPeer} objects, the rest of its
 * announcements waits in a backlog (at most the messages already read) and the peer is held back:
 * its channel is not read until the budget refills and the backlog drains. Nothing is dropped and
 * nothing is penalised.
 *
 * <p>Not thread-safe: confined to the peer's {@link SerialExecutor}, except {@link
 * #lastDeliveryMillis()}, which other peers read through the tracker.
 */
final class ObjectDownload implements RequestTracker.Owner {
  private static final Logger log = LoggerFactory.getLogger(ObjectDownload.class);

  private final Peer peer;
  private final PeerGroup group;
  private final SerialExecutor serial;
  private final FetchState fetch = new FetchState();
  private final List<ObjectMessage> objectBatch = new ArrayList<>();
  private final ArrayDeque<List<InventoryVector>> backlog = new ArrayDeque<>();
  private final TokenBucket budget;
  private int backlogOffset;
  private boolean batchScheduled;
  private volatile long lastDeliveryMillis;

  ObjectDownload(Peer peer, PeerGroup group, SerialExecutor serial) {
    this.peer = peer;
    this.group = group;
    this.serial = serial;
    PeerPolicy policy = group.settings().policy();
    this.budget = new TokenBucket(policy.announceRate(), policy.announceBurst(), group.nowMillis());
  }

  @Override
  public boolean isClosed() {
    return peer.isClosed();
  }

  @Override
  public long lastDeliveryMillis() {
    return lastDeliveryMillis;
  }

  /** The peer announced {@code vectors} (inv or dinv). */
  void announced(List<InventoryVector> vectors) {
    budget.take(vectors.size(), group.nowMillis());
    backlog.add(vectors);
    admitBacklog();
    pumpRequests();
  }

  /** Queues backlog vectors while the peer owes fewer than the cap; holds it back otherwise. */
  private void admitBacklog() {
    int cap = group.settings().maxPendingPerPeer();
    while (!backlog.isEmpty() && fetch.tracked() < cap) {
      List<InventoryVector> head = backlog.peek();
      while (backlogOffset < head.size() && fetch.tracked() < cap) {
        InventoryVector v = head.get(backlogOffset++);
        if (!fetch.tracks(v) && !group.ingest().isKnown(v)) {
          fetch.queue(v);
        }
      }
      if (backlogOffset == head.size()) {
        backlog.poll();
        backlogOffset = 0;
      }
    }
    boolean hold = !backlog.isEmpty() || budget.level(group.nowMillis()) < 0;
    peer.holdBack(hold);
  }

  private void pumpRequests() {
    if (peer.isClosed()) {
      return;
    }
    long now = group.nowMillis();
    List<InventoryVector> request =
        fetch.nextRequests(
            group.settings().maxInFlightPerPeer(),
            now,
            now + group.settings().requestTimeout().toMillis(),
            group.ingest()::isKnown,
            group.requests(),
            this);
    if (!request.isEmpty()) {
      peer.channel().writeAndFlush(new GetData(request)).addListener(ChannelFailures.LOG_WRITE);
    }
  }

  /** Periodic: forgets timed-out requests, retries deferred ones, admits held-back ones. */
  void tick() {
    if (peer.isClosed()) {
      return;
    }
    int expired = fetch.expire(group.nowMillis(), group.requests(), this);
    if (expired > 0) {
      log.info(
          "unanswered requests forgotten peer={} count={} after={}",
          peer,
          expired,
          group.settings().requestTimeout());
    }
    admitBacklog();
    pumpRequests();
  }

  /**
   * Collects a delivered object and ingests it together with the others once the objects already
   * queued behind this one have been collected: batches adapt to the arrival rate without a timer,
   * and one database commit covers the batch.
   */
  void delivered(ObjectMessage object) {
    objectBatch.add(object);
    if (!batchScheduled) {
      batchScheduled = true;
      serial.execute(this::ingestBatch);
    }
  }

  private void ingestBatch() {
    batchScheduled = false;
    if (peer.isClosed() || objectBatch.isEmpty()) {
      objectBatch.clear();
      return;
    }
    List<ObjectMessage> batch = new ArrayList<>(objectBatch);
    objectBatch.clear();
    for (ObjectMessage o : batch) {
      fetch.delivered(o.inventoryVector());
    }
    List<ObjectIngest.Result> results = group.ingest().ingestAll(batch);
    for (int i = 0; i < batch.size(); i++) {
      ObjectMessage object = batch.get(i);
      InventoryVector v = object.inventoryVector();
      group.requests().release(v);
      ObjectIngest.Result result = results.get(i);
      switch (result.outcome()) {
        case STORED -> {
          lastDeliveryMillis = group.nowMillis();
          group.usefulDelivery(peer);
          group.relay().forward(object, peer);
        }
        case DUPLICATE -> {
          lastDeliveryMillis = group.nowMillis();
          group.relay().cycled(v);
          log.trace("duplicate object peer={} vector={}", peer, v);
        }
        case IGNORED -> {
          lastDeliveryMillis = group.nowMillis();
          log.debug(
              "object not kept peer={} vector={} verdict={}", peer, v, result.verdict().reason());
        }
        case INVALID -> {
          // Valid objects of the same batch are kept either way.
          group.misbehaved(
              peer, Violation.INVALID_OBJECT, "object " + v + ": " + result.verdict().reason());
          if (peer.isClosed()) {
            return;
          }
        }
      }
    }
    // Refill the request window in batches rather than one getdata per delivered object.
    if (fetch.inFlight() <= group.settings().maxInFlightPerPeer() / 2) {
      admitBacklog();
      pumpRequests();
    }
  }
}
