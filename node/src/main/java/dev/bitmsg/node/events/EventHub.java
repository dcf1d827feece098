package dev.bitmsg.node.events;

import dev.bitmsg.node.api.SentMessageFields;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.content.MessageContent;
import dev.bitmsg.node.messaging.PubkeyWorkJobChange;
import dev.bitmsg.node.net.PeerGroup;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.PubkeyWorkJob;
import dev.bitmsg.node.v1.ConnectionChange;
import dev.bitmsg.node.v1.Hello;
import dev.bitmsg.node.v1.InboxMessage;
import dev.bitmsg.node.v1.NodeEvent;
import dev.bitmsg.node.v1.PubkeyWorkChange;
import dev.bitmsg.node.v1.StatusChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the node's state into events: every {@code interval} it compares the inbox, the sent
 * messages' statuses and the established connections with what it saw last and hands each
 * difference to the subscribers as a {@link NodeEvent}. Comparing snapshots keeps the messaging and
 * network layers free of listener plumbing; the price is up to one interval of delay. Pubkey work
 * is the exception: its jobs can pass through doing PoW faster than a poll, so each change comes
 * from a messaging listener ({@link PubkeyWorkJobChange}) and is handed on by the same thread.
 * Thread-safe (one polling thread does all publishing; subscribers are a concurrent list).
 */
public final class EventHub implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventHub.class);

  private final Node node;
  private final List<Consumer<NodeEvent>> subscribers = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService poller;
  private final ScheduledFuture<?> polling; // poll() logs its own failures
  private final Set<String> seenInbox = new HashSet<>();
  private final Map<Long, String> statuses = new HashMap<>();
  private final Map<String, PeerGroup.PeerInfo> peers = new HashMap<>();

  private final Consumer<PubkeyWorkJobChange> jobListener = this::jobChanged;

  public EventHub(Node node, Duration interval) {
    this.node = node;
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bitmsg-events");
              t.setDaemon(true);
              return t;
            });
    poller.execute(() -> poll(false));
    this.polling =
        poller.scheduleWithFixedDelay(
            () -> poll(true), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    node.messenger().addPowJobListener(jobListener);
  }

  /** Adds a subscriber; it first gets a Hello with the current counts (on the polling thread). */
  public void subscribe(Consumer<NodeEvent> subscriber) {
    poller.execute(
        () -> {
          subscriber.accept(
              event()
                  .setHello(
                      Hello.newBuilder()
                          .setConnections(peers.size())
                          .setInboxMessages(seenInbox.size())
                          .setSentMessages(statuses.size()))
                  .build());
          subscribers.add(subscriber);
        });
  }

  public void unsubscribe(Consumer<NodeEvent> subscriber) {
    subscribers.remove(subscriber);
  }

  private NodeEvent.Builder event() {
    return NodeEvent.newBuilder().setTimeUnixSeconds(System.currentTimeMillis() / 1000);
  }

  private void poll(boolean emit) {
    try {
      for (InboxEntry e : node.messenger().inbox()) {
        String id = e.sigHash().toHex();
        if (seenInbox.add(id) && emit) {
          MessageContent c = node.messenger().content(e);
          publish(
              event()
                  .setInboxMessage(
                      InboxMessage.newBuilder()
                          .setMsgid(id)
                          .setFromAddress(e.from())
                          .setToAddress(e.to().orElse("[Broadcast subscribers]"))
                          .setSubject(c.subject())
                          .setBody(c.body())
                          .setBroadcast(e.to().isEmpty())
                          .setReceivedUnixSeconds(e.received()))
                  .build());
        }
      }
      for (OutboxEntry e : node.messenger().outbox()) {
        String now = SentMessageFields.statusWord(e);
        String before = statuses.put(e.id(), now);
        if (emit && !now.equals(before)) {
          publish(
              event()
                  .setStatusChange(
                      StatusChange.newBuilder()
                          .setAckData(SentMessageFields.ackData(e).toHex())
                          .setMsgid(SentMessageFields.sentMsgid(e))
                          .setStatus(now)
                          .setPreviousStatus(before == null ? "" : before)
                          .setToAddress(e.to().orElse("[Broadcast subscribers]"))
                          .setFromAddress(e.from()))
                  .build());
        }
      }
      Map<String, PeerGroup.PeerInfo> current = new HashMap<>();
      for (PeerGroup.PeerInfo p : node.peers().peers()) {
        current.put(p.remote().getHostString() + ":" + p.remote().getPort(), p);
      }
      for (var e : current.entrySet()) {
        if (!peers.containsKey(e.getKey()) && emit) {
          publish(connection(e.getKey(), e.getValue(), true, current.size()));
        }
      }
      for (var e : peers.entrySet()) {
        if (!current.containsKey(e.getKey()) && emit) {
          publish(connection(e.getKey(), e.getValue(), false, current.size()));
        }
      }
      peers.clear();
      peers.putAll(current);
    } catch (RuntimeException e) {
      log.warn("events: polling the node failed", e);
    }
  }

  private void jobChanged(PubkeyWorkJobChange c) {
    PubkeyWorkJob j = c.job();
    NodeEvent e =
        event()
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
    try {
      poller.execute(() -> publish(e));
    } catch (RejectedExecutionException closed) {
      log.debug("events: hub closed, pubkey work change not sent");
    }
  }

  private NodeEvent connection(String key, PeerGroup.PeerInfo p, boolean up, int count) {
    return event()
        .setConnectionChange(
            ConnectionChange.newBuilder()
                .setPeer(key)
                .setInbound(p.inbound())
                .setConnected(up)
                .setUserAgent(p.userAgent())
                .setConnections(count))
        .build();
  }

  private void publish(NodeEvent e) {
    List<Consumer<NodeEvent>> failed = new ArrayList<>();
    for (Consumer<NodeEvent> s : subscribers) {
      try {
        s.accept(e);
      } catch (RuntimeException ex) {
        log.debug("events: dropping a subscriber that failed", ex);
        failed.add(s);
      }
    }
    subscribers.removeAll(failed);
  }

  @Override
  public void close() {
    node.messenger().removePowJobListener(jobListener);
    polling.cancel(false);
    poller.shutdownNow();
  }
}
