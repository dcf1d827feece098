package dev.bitmsg.node.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.messaging.MessagingListener;
import dev.bitmsg.node.messaging.MessagingView;
import dev.bitmsg.node.net.ConnectionListener;
import dev.bitmsg.node.net.NodeNetwork;
import dev.bitmsg.node.net.ObjectIngest;
import dev.bitmsg.node.net.PeerInfo;
import dev.bitmsg.node.net.RelayCounts;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.PubkeyWorkJob;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.store.sqlite.SqliteDatabase;
import dev.bitmsg.node.store.sqlite.SqliteInbox;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.node.v1.NodeEvent;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.ObjectMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push stream reads nothing while idle and builds its events from the changes pushed to it:
 * with a mailbox of thousands of messages, the hub's only reads of the node are the three counts of
 * a subscriber's Hello. Its ports are a real node's messaging facade and peer group, counted.
 */
class EventHubPushTest {
  private static final int MAILBOX = 2_000;
  private static final Duration LIMIT = Duration.ofSeconds(60);

  /** Longer than any polling interval the hub could use (it polled every 250 ms before). */
  private static final Duration IDLE = Duration.ofSeconds(1);

  @TempDir Path dir;

  @Test
  void bigMailbox_idleHubReadsNothing_andChangesArriveAsEvents() throws Exception {
    Path data = dir.resolve("n");
    try (Node node = NodeAssembly.start(TestNetwork.setup(data, 0, List.of()))) {
      fillInbox(data.resolve("node.db"));
      CountingView view = new CountingView(node.messenger());
      CountingNetwork network = new CountingNetwork(node.peers());
      BlockingQueue<NodeEvent> events = new LinkedBlockingQueue<>();
      try (EventHub hub = new EventHub(network, view, Clock.systemUTC())) {
        hub.subscribe(events::add);
        NodeEvent hello = next(events, NodeEvent::hasHello);
        assertEquals(MAILBOX, hello.getHello().getInboxMessages());
        int afterHello = view.reads.get() + network.reads.get();

        long idleEnd = System.nanoTime() + IDLE.toNanos();
        while (System.nanoTime() < idleEnd) {
          Thread.sleep(50);
        }
        assertEquals(afterHello, view.reads.get() + network.reads.get(), "reads while idle");

        String me = node.messenger().text(node.messenger().createRandom("me"));
        node.messenger().send(me, me, "pushed", "body", 3600);
        // The receiver (our own object, stored) and the sender (its status) run on their own
        // threads: the two events may come in either order.
        List<NodeEvent> both =
            nextBoth(
                events,
                e ->
                    e.hasStatusChange()
                        && e.getStatusChange().getStatus().equals("msgsentnoackexpected"),
                NodeEvent::hasInboxMessage);
        assertEquals("pushed", both.get(1).getInboxMessage().getSubject());
        assertEquals(
            afterHello,
            view.reads.get() + network.reads.get(),
            "events are built from the pushed changes, not from reads of the node");
      }
    }
  }

  /** Files {@link #MAILBOX} messages through a second connection to the node's database. */
  private static void fillInbox(Path dbFile) {
    try (SqliteDatabase db = SqliteDatabase.open(dbFile)) {
      SqliteInbox inbox = new SqliteInbox(db);
      db.inTransaction(
          "fill the inbox",
          c -> {
            for (int i = 0; i < MAILBOX; i++) {
              byte[] sigHash = ByteBuffer.allocate(32).putInt(28, i).array();
              inbox.add(
                  new InboxEntry(
                      0,
                      OutboxEntry.Kind.MSG,
                      Optional.of("BM-me"),
                      "BM-other",
                      2,
                      Bytes.of(("Subject:old " + i + "\nBody:x").getBytes(StandardCharsets.UTF_8)),
                      1_700_000_000L,
                      Bytes.of(sigHash)));
            }
            return MAILBOX;
          });
    }
  }

  /** The first event matching {@code a} and the first matching {@code b}, in whichever order. */
  private static List<NodeEvent> nextBoth(
      BlockingQueue<NodeEvent> events, Predicate<NodeEvent> a, Predicate<NodeEvent> b)
      throws InterruptedException {
    NodeEvent[] found = new NodeEvent[2];
    long end = System.nanoTime() + LIMIT.toNanos();
    while (System.nanoTime() < end && (found[0] == null || found[1] == null)) {
      NodeEvent e = events.poll(100, TimeUnit.MILLISECONDS);
      if (e != null && found[0] == null && a.test(e)) {
        found[0] = e;
      } else if (e != null && found[1] == null && b.test(e)) {
        found[1] = e;
      }
    }
    if (found[0] == null || found[1] == null) {
      throw new AssertionError(
          "no matching events within " + LIMIT + ": " + java.util.Arrays.toString(found));
    }
    return List.of(found);
  }

  private static NodeEvent next(BlockingQueue<NodeEvent> events, Predicate<NodeEvent> wanted)
      throws InterruptedException {
    long end = System.nanoTime() + LIMIT.toNanos();
    while (System.nanoTime() < end) {
      NodeEvent e = events.poll(100, TimeUnit.MILLISECONDS);
      if (e != null && wanted.test(e)) {
        return e;
      }
    }
    throw new AssertionError("no matching event within " + LIMIT);
  }

  /** The messaging facade, every read counted. */
  private static final class CountingView implements MessagingView {
    final AtomicInteger reads = new AtomicInteger();
    private final MessagingView view;

    CountingView(MessagingView view) {
      this.view = view;
    }

    @Override
    public long inboxCount() {
      reads.incrementAndGet();
      return view.inboxCount();
    }

    @Override
    public Map<SendStatus, Long> outboxCounts() {
      reads.incrementAndGet();
      return view.outboxCounts();
    }

    @Override
    public List<PubkeyWorkJob> pendingPubkeyWork() {
      reads.incrementAndGet();
      return view.pendingPubkeyWork();
    }

    @Override
    public void addListener(MessagingListener listener) {
      view.addListener(listener);
    }

    @Override
    public void removeListener(MessagingListener listener) {
      view.removeListener(listener);
    }
  }

  /** The peer group, every read counted. */
  private static final class CountingNetwork implements NodeNetwork {
    final AtomicInteger reads = new AtomicInteger();
    private final NodeNetwork network;

    CountingNetwork(NodeNetwork network) {
      this.network = network;
    }

    @Override
    public List<PeerInfo> peers() {
      reads.incrementAndGet();
      return network.peers();
    }

    @Override
    public RelayCounts relayCounts() {
      reads.incrementAndGet();
      return network.relayCounts();
    }

    @Override
    public ObjectIngest.Result submit(ObjectMessage object) {
      return network.submit(object);
    }

    @Override
    public void addConnectionListener(ConnectionListener listener) {
      network.addConnectionListener(listener);
    }

    @Override
    public void removeConnectionListener(ConnectionListener listener) {
      network.removeConnectionListener(listener);
    }
  }
}
