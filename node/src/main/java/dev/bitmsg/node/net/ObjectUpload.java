package dev.bitmsg.node.net;

import dev.bitmsg.node.store.Inventory;
import dev.bitmsg.node.store.InventoryItem;
import dev.bitmsg.node.wire.Inv;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.WireLimits;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objects we send one peer (PROTOCOL.md 3.4, 3.5): our inventory in invs after the handshake,
 * newly stored objects announced in one inv per drain, and the objects it asks for with getdata
 * (queued up to a cap). Invs and served objects are written only while the channel's outbound
 * buffer has room, so a slow reader holds objects in the database, not in memory; the inventory
 * itself is read a page of {@value #INVENTORY_PAGE} vectors at a time as the channel drains, never
 * as a whole list, so what an announcement holds does not grow with the inventory. Each inv entry
 * and served object that was not made here is counted by the {@link ObjectRelay}.
 *
 * <p>Threading: {@link #announce} may be called from any thread (a lock-free queue with an atomic
 * count); everything else is confined to the peer's {@link SerialExecutor}.
 */
final class ObjectUpload {
  private static final Logger log = LoggerFactory.getLogger(ObjectUpload.class);
  private static final int FLUSH_EVERY = 64;

  /** Vectors per inventory page and inv (the protocol allows up to 50,000 per inv). */
  static final int INVENTORY_PAGE = 5_000;

  private final Peer peer;
  private final PeerGroup group;
  private final SerialExecutor serial;

  // Confined to the serial executor.
  private final ArrayDeque<Object> outgoing = new ArrayDeque<>();
  private int servesQueued;
  private boolean servesTruncatedLogged;
  // The inventory announcement: streams still to announce, where the current one is, and when.
  private final ArrayDeque<Long> inventoryStreams = new ArrayDeque<>();
  private long inventoryPosition;
  private long inventoryNow;
  private long inventoryAnnounced;

  private final ConcurrentLinkedQueue<InventoryVector> announcements =
      new ConcurrentLinkedQueue<>();
  private final AtomicInteger announcementCount = new AtomicInteger();
  private final AtomicBoolean announceScheduled = new AtomicBoolean();

  ObjectUpload(Peer peer, PeerGroup group, SerialExecutor serial) {
    this.peer = peer;
    this.group = group;
    this.serial = serial;
  }

  /**
   * Starts announcing every object of the streams both sides serve that is unexpired now; {@link
   * #pump} reads and sends it a page at a time. Returns the number of streams announced.
   */
  int queueInventory() {
    inventoryNow = group.nowSeconds();
    inventoryPosition = 0;
    for (long stream : peer.version().streams()) {
      if (group.params().servesStream(stream)) {
        inventoryStreams.add(stream);
      }
    }
    return inventoryStreams.size();
  }

  /** The next page of the inventory announcement as an inv, or null when it is over. */
  private @Nullable Inv nextInventoryPage() {
    while (!inventoryStreams.isEmpty()) {
      long stream = inventoryStreams.peek();
      Inventory.VectorPage page =
          group
              .inventory()
              .unexpiredVectors(stream, inventoryNow, inventoryPosition, INVENTORY_PAGE);
      if (!page.vectors().isEmpty()) {
        inventoryPosition = page.next();
        List<InventoryVector> fluffed = new ArrayList<>(page.vectors());
        fluffed.removeIf(group.relay()::isStem); // stem objects stay out of the big inv
        inventoryAnnounced += fluffed.size();
        if (fluffed.isEmpty()) {
          continue;
        }
        return new Inv(fluffed);
      }
      inventoryStreams.poll();
      inventoryPosition = 0;
      log.debug(
          "inventory announced peer={} stream={} vectors={}", peer, stream, inventoryAnnounced);
      inventoryAnnounced = 0;
    }
    return null;
  }

  /** The peer asked for {@code vectors} (getdata). */
  void requested(List<InventoryVector> vectors) {
    for (InventoryVector v : vectors) {
      if (servesQueued >= group.settings().maxServeQueue()) {
        if (!servesTruncatedLogged) {
          log.info("getdata queue full, ignoring requests peer={} queued={}", peer, servesQueued);
          servesTruncatedLogged = true;
        }
        break;
      }
      outgoing.add(v);
      servesQueued++;
    }
    pump();
  }

  /** Writes queued invs and served objects while the channel's outbound buffer has room. */
  void pump() {
    int written = 0;
    while (!peer.isClosed() && peer.channel().isWritable()) {
      @Nullable Object next = outgoing.isEmpty() ? nextInventoryPage() : outgoing.poll();
      if (next == null) {
        break;
      }
      if (next instanceof InventoryVector v) {
        servesQueued--;
        if (!group.relay().mayServe(v, peer)) {
          continue; // a stem object goes to its stem child only (PyBitmessage's uploadthread)
        }
        Optional<InventoryItem> item = group.inventory().get(v);
        if (item.isEmpty()) {
          continue; // PyB also just skips vectors it does not have
        }
        peer.channel().write(item.get().toObject()).addListener(ChannelFailures.LOG_WRITE);
        group.relay().served(v);
      } else {
        peer.channel().write(next).addListener(ChannelFailures.LOG_WRITE);
        if (next instanceof Inv inv) {
          group.relay().announced(inv.vectors());
        }
      }
      if (++written % FLUSH_EVERY == 0) {
        peer.channel().flush();
      }
    }
    if (outgoing.isEmpty()) {
      servesTruncatedLogged = false;
    }
    if (written > 0) {
      peer.channel().flush();
    }
  }

  /** Announces a newly stored object; batched into one inv per drain. Any thread. */
  void announce(InventoryVector v) {
    if (announcementCount.incrementAndGet() > WireLimits.MAX_INV_ITEMS) {
      announcementCount.decrementAndGet();
      return; // the peer is far behind; it gets the object from the big inv on reconnect
    }
    announcements.add(v);
    if (announceScheduled.compareAndSet(false, true)) {
      serial.execute(this::flushAnnouncements);
    }
  }

  private void flushAnnouncements() {
    announceScheduled.set(false);
    List<InventoryVector> batch = new ArrayList<>();
    InventoryVector v;
    while (batch.size() < WireLimits.MAX_INV_ITEMS && (v = announcements.poll()) != null) {
      announcementCount.decrementAndGet();
      batch.add(v);
    }
    if (!batch.isEmpty() && !peer.isClosed()) {
      peer.channel().writeAndFlush(new Inv(batch)).addListener(ChannelFailures.LOG_WRITE);
      group.relay().announced(batch);
    }
    if (!announcements.isEmpty() && announceScheduled.compareAndSet(false, true)) {
      serial.execute(this::flushAnnouncements);
    }
  }
}
