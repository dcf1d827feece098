package dev.bitmsg.node.web;

import com.sun.net.httpserver.HttpExchange;
import dev.bitmsg.node.api.ApiPorts;
import dev.bitmsg.node.messaging.MessagingListener;
import dev.bitmsg.node.messaging.Messenger;
import dev.bitmsg.node.messaging.OutboxChange;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.pow.SuppressForbidden;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes what changes to the open pages as Server-Sent Events ({@code GET /events}), which the htmx
 * SSE extension swaps into the elements that name the event: {@code send-ID} (a sent message's
 * status), {@code pow-ID} (its PoW progress, while it runs), {@code inbox} (the first page of inbox
 * rows), {@code inbox-notice} (a line for screen readers, in a status region) and {@code unread}
 * (the count beside Inbox in the navigation).
 *
 * <p>The messaging listener only notes what changed (it runs on the node's threads and must not
 * block); one ticker thread renders the fragments twice a second and hands them to each client's
 * bounded queue; each client's request thread writes its queue to its socket. A client that falls
 * behind by {@link #QUEUE} events is dropped (its page reconnects). At most {@link #MAX_CLIENTS}
 * streams at once. Thread-safe.
 */
@SuppressForbidden(
    "com.sun.net.httpserver is the JDK's supported, exported HTTP server (jdk.httpserver)")
final class LiveUpdates implements MessagingListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
  static final int MAX_CLIENTS = 16;
  static final int QUEUE = 512;
  static final long TICK_MS = 500;
  static final long KEEPALIVE_MS = 15_000;
  private static final String END = "";
  private static final Set<SendStatus> FINAL =
      EnumSet.of(
          SendStatus.ACK_RECEIVED,
          SendStatus.SENT_NO_ACK,
          SendStatus.TOO_DIFFICULT,
          SendStatus.FAILED,
          SendStatus.CANCELLED);

  private final ApiPorts ports;
  private final Messenger messenger;
  private final View view;
  private final Set<Long> changed = ConcurrentHashMap.newKeySet();
  private final Set<Long> working = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean inboxChanged = new AtomicBoolean();
  private final List<BlockingQueue<String>> clients = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bitmsg-web-live");
            t.setDaemon(true);
            return t;
          });

  LiveUpdates(ApiPorts ports, View view) {
    this.ports = ports;
    this.messenger = ports.messenger();
    this.view = view;
  }

  void start() {
    messenger.addListener(this);
    for (OutboxEntry e : messenger.outbox()) {
      if (e.status() == SendStatus.DOING_POW) {
        working.add(e.id());
      }
    }
    var unused = ticker.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void outboxChanged(OutboxChange change) {
    OutboxEntry e = change.entry();
    changed.add(e.id());
    if (e.status() == SendStatus.DOING_POW) {
      working.add(e.id());
    } else {
      working.remove(e.id());
    }
  }

  @Override
  public void inboxAdded(InboxEntry entry) {
    inboxChanged.set(true);
  }

  private void tick() {
    try {
      if (clients.isEmpty()) {
        changed.clear();
        inboxChanged.set(false);
        return;
      }
      List<String> events = new ArrayList<>();
      Set<Long> ids = new java.util.TreeSet<>(changed);
      changed.removeAll(ids);
      ids.addAll(working);
      for (long id : ids) {
        Optional<Messenger.Status> st = messenger.status(id);
        if (st.isEmpty()) {
          continue;
        }
        OutboxEntry e = st.get().entry();
        events.add(event("send-" + id, view.fragment("send-status", SendStatusView.status(e))));
        events.add(
            event(
                "pow-" + id,
                view.fragment("send-pow", SendStatusView.pow(e, st.get().progress()))));
      }
      if (inboxChanged.getAndSet(false)) {
        events.add(event("inbox", view.fragment("inbox-rows", MailPages.inboxScope(ports))));
        events.add(
            event("inbox-notice", "New messages arrived: they are at the top of the inbox."));
        int unread = MailPages.unread(ports);
        events.add(
            event(
                "unread",
                unread == 0 ? "" : view.fragment("unread-count", Map.of("unread", unread))));
      }
      List<BlockingQueue<String>> behind = new ArrayList<>();
      for (BlockingQueue<String> q : clients) {
        for (String ev : events) {
          if (!q.offer(ev)) {
            behind.add(q);
            break;
          }
        }
      }
      for (BlockingQueue<String> q : behind) {
        clients.remove(q);
        q.clear();
        q.offer(END);
      }
    } catch (RuntimeException e) {
      log.warn("web live update failed", e);
    }
  }

  /** One SSE event: its name and the HTML as {@code data:} lines. */
  static String event(String name, String html) {
    StringBuilder b = new StringBuilder("event: ").append(name).append('\n');
    for (String line : html.strip().split("\n", -1)) {
      b.append("data: ").append(line.replace("\r", "")).append('\n');
    }
    return b.append('\n').toString();
  }

  /** Serves one event stream until the client leaves or the server stops. */
  void stream(HttpExchange ex) throws IOException {
    if (clients.size() >= MAX_CLIENTS) {
      byte[] busy = "too many live pages open\n".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(503, busy.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(busy);
      }
      return;
    }
    BlockingQueue<String> q = new LinkedBlockingQueue<>(QUEUE);
    ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    ex.sendResponseHeaders(200, 0);
    clients.add(q);
    recentRows();
    try (OutputStream out = ex.getResponseBody()) {
      out.write(": live\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      while (true) {
        String ev = q.poll(KEEPALIVE_MS, TimeUnit.MILLISECONDS);
        if (END.equals(ev)) {
          return;
        }
        out.write((ev == null ? ": keepalive\n\n" : ev).getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      clients.remove(q);
    }
  }

  /**
   * Rows still on their way, or changed in the last minute, are sent again to a new client: its
   * page may have been rendered before their last change.
   */
  private void recentRows() {
    long since = ports.network().clock().instant().getEpochSecond() - 60;
    for (OutboxEntry e : messenger.outbox()) {
      if (e.statusTime() >= since || !FINAL.contains(e.status())) {
        changed.add(e.id());
      }
    }
  }

  @Override
  public void close() {
    messenger.removeListener(this);
    ticker.shutdownNow();
    for (BlockingQueue<String> q : clients) {
      q.clear();
      q.offer(END);
    }
  }
}
