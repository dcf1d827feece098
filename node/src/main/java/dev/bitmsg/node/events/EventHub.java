package dev.bitmsg.node.events;

import dev.bitmsg.node.content.ContentCodec;
import dev.bitmsg.node.content.MessageContent;
import dev.bitmsg.node.messaging.MessagingListener;
import dev.bitmsg.node.messaging.MessagingView;
import dev.bitmsg.node.messaging.OutboxChange;
import dev.bitmsg.node.messaging.PubkeyWorkJobChange;
import dev.bitmsg.node.messaging.SentMessageFields;
import dev.bitmsg.node.net.ConnectionListener;
import dev.bitmsg.node.net.NodeNetwork;
import dev.bitmsg.node.net.PeerInfo;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.PubkeyWorkJob;
import dev.bitmsg.node.v1.ConnectionChange;
import dev.bitmsg.node.v1.Hello;
import dev.bitmsg.node.v1.InboxMessage;
import dev.bitmsg.node.v1.NodeEvent;
import dev.bitmsg.node.v1.PubkeyWorkChange;
import dev.bitmsg.node.v1.StatusChange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the node's changes into events for the push stream, as they happen: the messaging stores
 * tell it every message filed in the inbox, every status change of a sent message and every state
 * change of pubkey work once committed ({@link MessagingListener}); the peer group tells it every
 * connection that starts or ends ({@link ConnectionListener}). Nothing is polled, so the cost of an
 * event does not depend on the size of the mailbox; only a new subscriber's {@link Hello} reads
 * three counts.
 *
 * <p>Thread-safe: listeners are called on the changing threads and only hand the change to one
 * publishing thread, which builds the events and writes them to the subscribers in the order the
 * changes were told.
 */
public final class EventHub implements MessagingListener, ConnectionListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventHub.class);
  private static final String BROADCAST_TO = "[Broadcast subscribers]";

  private final NodeNetwork network;
  private final MessagingView messaging;
  private final Clock clock;
  private final ContentCodec content = new ContentCodec();
  private final List<Consumer<NodeEvent>> subscribers = new CopyOnWriteArrayList<>();
  private final ExecutorService publisher =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "bitmsg-events");
            t.setDaemon(true);
            return t;
          });

  /** Starts listening to {@code network} and {@code messaging}; {@link #close()} stops it. */
  public EventHub(NodeNetwork network, MessagingView messaging, Clock clock) {
    this.network = network;
    this.messaging = messaging;
    this.clock = clock;
    messaging.addListener(this);
    network.addConnectionListener(this);
  }

  /**
   * Adds a subscriber; it first gets a Hello with the current counts (on the publishing thread).
   */
  public void subscribe(Consumer<NodeEvent> subscriber) {
    publish(
        () -> {
          NodeEvent hello =
              event(now())
                  .setHello(
                      Hello.newBuilder()
                          .setConnections(network.peers().size())
                          .setInboxMessages(Math.toIntExact(messaging.inboxCount()))
                          .setSentMessages(
                              Math.toIntExact(
                                  messaging.outboxCounts().values().stream()
                                      .mapToLong(Long::longValue)
                                      .sum())))
                  .build();
          try {
            subscriber.accept(hello);
            subscribers.add(subscriber);
          } catch (RuntimeException e) {
            log.debug("events subscriber failed on hello", e);
          }
        });
  }

  public void unsubscribe(Consumer<NodeEvent> subscriber) {
    subscribers.remove(subscriber);
  }

  @Override
  public void inboxAdded(InboxEntry e) {
    long at = now();
    publish(
        () -> {
          if (subscribers.isEmpty()) {
            return; // nobody to decode it for
          }
          MessageContent c = content.decode(e.encoding(), e.message().toByteArray());
          send(
              event(at)
                  .setInboxMessage(
                      InboxMessage.newBuilder()
                          .setMsgid(e.msgid().orElse(e.sigHash()).toHex())
                          .setFromAddress(e.from())
                          .setToAddress(e.to().orElse(BROADCAST_TO))
                          .setSubject(c.subject())
                          .setBody(c.body())
                          .setBroadcast(e.to().isEmpty())
                          .setReceivedUnixSeconds(e.received()))
                  .build());
        });
  }

  @Override
  public void outboxChanged(OutboxChange change) {
    OutboxEntry e = change.entry();
    String now = SentMessageFields.statusWord(e);
    String before = change.previous().map(SentMessageFields::statusWord).orElse("");
    String ours = SentMessageFields.bitmsgStatus(e);
    if (now.equals(before)
        && ours.equals(change.previous().map(SentMessageFields::bitmsgStatus).orElse(""))) {
      return;
    }
    NodeEvent event =
        event(now())
            .setStatusChange(
                StatusChange.newBuilder()
                    .setAckData(SentMessageFields.ackData(e).toHex())
                    .setMsgid(SentMessageFields.sentMsgid(e))
                    .setStatus(now)
                    .setPreviousStatus(before)
                    .setToAddress(e.to().orElse(BROADCAST_TO))
                    .setFromAddress(e.from())
                    .setBitmsgStatus(ours))
            .build();
    publish(() -> send(event));
  }

  @Override
  public void pubkeyWorkChanged(PubkeyWorkJobChange c) {
    PubkeyWorkJob j = c.job();
    NodeEvent event =
        event(now())
            .setPubkeyWorkChange(
                PubkeyWorkChange.newBuilder()
                    .setJobId(j.id())
                    .setKind(j.kind().name().toLowerCase(Locale.ROOT))
                    .setAddress(j.address())
                    .setStatus(j.state().wireName())
                    .setPreviousStatus(c.previous().map(PubkeyWorkJob.State::wireName).orElse(""))
                    .setReason(j.reason())
                    .setDetail(j.detail().orElse(""))
                    .setPowBy(j.powBy().orElse("")))
            .build();
    publish(() -> send(event));
  }

  @Override
  public void connected(PeerInfo peer, int connections) {
    connection(peer, true, connections);
  }

  @Override
  public void disconnected(PeerInfo peer, int connections) {
    connection(peer, false, connections);
  }

  private void connection(PeerInfo p, boolean up, int count) {
    NodeEvent event =
        event(now())
            .setConnectionChange(
                ConnectionChange.newBuilder()
                    .setPeer(p.endpoint())
                    .setInbound(p.inbound())
                    .setConnected(up)
                    .setUserAgent(p.userAgent())
                    .setConnections(count))
            .build();
    publish(() -> send(event));
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  private static NodeEvent.Builder event(long at) {
    return NodeEvent.newBuilder().setTimeUnixSeconds(at);
  }

  /** Runs {@code task} on the publishing thread, after every task handed over before it. */
  private void publish(Runnable task) {
    try {
      publisher.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              log.warn("events publishing failed", e);
            }
          });
    } catch (RejectedExecutionException closed) {
      log.debug("events hub closed, change not sent");
    }
  }

  /** Writes {@code e} to every subscriber; one that fails (gone, cancelled) is dropped. */
  private void send(NodeEvent e) {
    List<Consumer<NodeEvent>> failed = new ArrayList<>();
    for (Consumer<NodeEvent> s : subscribers) {
      try {
        s.accept(e);
      } catch (RuntimeException ex) {
        log.debug("events subscriber dropped after a failed write", ex);
        failed.add(s);
      }
    }
    subscribers.removeAll(failed);
  }

  @Override
  public void close() {
    messaging.removeListener(this);
    network.removeConnectionListener(this);
    publisher.shutdownNow();
  }
}
