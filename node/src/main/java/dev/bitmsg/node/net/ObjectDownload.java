package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.GetData;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.ObjectMessage;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objects we fetch from one peer (PROTOCOL.md 3.4): queues what it announces and we lack, up to
 * a cap (more is misbehaviour), requests a bounded number at a time (node-wide claims in the {@link
 * RequestTracker}, so two peers are not asked for the same object), forgets requests after the
 * timeout, and ingests what it delivers in batches: new objects go on to the other peers, an
 * invalid one drops and bans this peer.
 *
 * <p>Not thread-safe: confined to the peer's {@link SerialExecutor}.
 */
final class ObjectDownload {
  private static final Logger log = LoggerFactory.getLogger(ObjectDownload.class);

  private final Peer peer;
  private final PeerGroup group;
  private final SerialExecutor serial;
  private final FetchState fetch = new FetchState();
  private final List<ObjectMessage> objectBatch = new ArrayList<>();
  private boolean batchScheduled;

  ObjectDownload(Peer peer, PeerGroup group, SerialExecutor serial) {
    this.peer = peer;
    this.group = group;
    this.serial = serial;
  }

  /** The peer announced {@code vectors} (inv or dinv). */
  void announced(List<InventoryVector> vectors) {
    for (InventoryVector v : vectors) {
      if (fetch.tracks(v) || group.inventory().contains(v)) {
        continue;
      }
      if (fetch.tracked() >= group.settings().maxPendingPerPeer()) {
        group.misbehaved(
            peer,
            "announced more than "
                + group.settings().maxPendingPerPeer()
                + " objects it has not delivered");
        return;
      }
      fetch.queue(v);
    }
    pumpRequests();
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
            group.inventory()::contains,
            group.requests());
    if (!request.isEmpty()) {
      peer.channel().writeAndFlush(new GetData(request)).addListener(ChannelFailures.LOG_WRITE);
    }
  }

  /** Periodic: forgets timed-out requests and retries deferred ones. */
  void tick() {
    if (peer.isClosed()) {
      return;
    }
    int expired = fetch.expire(group.nowMillis());
    if (expired > 0) {
      log.info(
          "unanswered requests forgotten peer={} count={} after={}",
          peer,
          expired,
          group.settings().requestTimeout());
    }
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
        case STORED -> group.relay().forward(object, peer);
        case DUPLICATE -> log.trace("duplicate object peer={} vector={}", peer, v);
        case IGNORED ->
            log.debug(
                "object not kept peer={} vector={} verdict={}", peer, v, result.verdict().reason());
        case INVALID -> {
          // Valid objects of the same batch are kept; the sender is dropped either way.
          group.misbehaved(peer, "invalid object " + v + ": " + result.verdict().reason());
          return;
        }
      }
    }
    // Refill the request window in batches rather than one getdata per delivered object.
    if (fetch.inFlight() <= group.settings().maxInFlightPerPeer() / 2) {
      pumpRequests();
    }
  }
}
