package dev.bitmsg.node.web;

import dev.bitmsg.node.api.ApiPorts;
import dev.bitmsg.node.messaging.Messenger;
import dev.bitmsg.node.net.PeerInfo;
import dev.bitmsg.node.net.RelayCounts;
import dev.bitmsg.node.net.TrafficCounts;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.PubkeyWorkJob;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.pow.SiFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The node's state, read-only: the network (peers, objects, traffic) and the proof of work (the
 * provider, local or a PoW service, the messages and pubkey jobs waiting for it, each running one's
 * progress, the last searches with who did them and how long they took). The panels refresh
 * themselves every few seconds (htmx); a sent message's PoW progress comes live from {@link
 * LiveUpdates}. Thread-safe.
 */
final class StatusPages {
  private static final String[] OBJECT_TYPES = {"getpubkey", "pubkey", "msg", "broadcast"};

  private final ApiPorts ports;
  private final Messenger messenger;
  private final View view;
  private final RecentSolves solves;

  private StatusPages(ApiPorts ports, View view, RecentSolves solves) {
    this.ports = ports;
    this.messenger = ports.messenger();
    this.view = view;
    this.solves = solves;
  }

  static void register(Routes routes, ApiPorts ports, View view, RecentSolves solves) {
    StatusPages p = new StatusPages(ports, view, solves);
    routes
        .get("/network", p::network)
        .get("/network/panel", p::networkPanel)
        .get("/pow", p::pow)
        .get("/pow/panel", p::powPanel);
  }

  private Map<String, Object> networkScope() {
    ApiPorts.Network net = ports.network();
    List<Map<String, Object>> peers = new ArrayList<>();
    int inbound = 0;
    for (PeerInfo p : net.peers().peers()) {
      inbound += p.inbound() ? 1 : 0;
      peers.add(
          Map.of(
              "endpoint", p.endpoint(),
              "direction", p.inbound() ? "inbound" : "outbound",
              "userAgent", p.userAgent(),
              "tls", p.tlsCipherSuite().orElse("no")));
    }
    List<Map<String, Object>> objects = new ArrayList<>();
    for (int t = 0; t < OBJECT_TYPES.length; t++) {
      objects.add(Map.of("type", OBJECT_TYPES[t], "count", net.counters().count(t)));
    }
    RelayCounts relay = net.peers().relayCounts();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("peers", peers);
    m.put("peerCount", peers.size());
    m.put("inbound", inbound);
    m.put("outbound", peers.size() - inbound);
    m.put("objects", objects);
    m.put("objectsTotal", net.counters().total());
    m.put("inventory", net.inventory().count());
    m.put("announced", relay.announced());
    m.put("served", relay.served());
    TrafficCounts traffic = net.peers().traffic();
    m.put("bytesIn", SiFormat.of((double) traffic.bytesRead()) + "B");
    m.put("bytesOut", SiFormat.of((double) traffic.bytesWritten()) + "B");
    m.put("inbox", messenger.inboxCount());
    List<Map<String, Object>> outbox = new ArrayList<>();
    messenger
        .outboxCounts()
        .forEach((s, n) -> outbox.add(Map.of("status", s.wireName(), "count", n)));
    m.put("outbox", outbox);
    m.put("version", net.softwareVersion());
    return m;
  }

  private WebResponse network(WebRequest r) {
    return view.page(r, "network", "Network", networkScope());
  }

  private WebResponse networkPanel(WebRequest r) {
    return WebResponse.html(view.fragment("network-panel", networkScope()));
  }

  private Map<String, Object> powScope() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("provider", messenger.powProvider());
    String describe = ports.network().pow().describe();
    if (!describe.equals(messenger.powProvider())) {
      m.put("describe", describe);
    }
    List<Map<String, Object>> messages = new ArrayList<>();
    for (OutboxEntry e : messenger.outbox()) {
      if (e.status() != SendStatus.QUEUED && e.status() != SendStatus.DOING_POW) {
        continue;
      }
      Optional<Messenger.Status> st = messenger.status(e.id());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", e.id());
      row.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
      row.put("status", SendStatusView.status(e));
      row.put("pow", SendStatusView.pow(e, st.flatMap(Messenger.Status::progress)));
      messages.add(row);
    }
    m.put("messages", messages);
    List<Map<String, Object>> jobs = new ArrayList<>();
    for (PubkeyWorkJob j : messenger.powJobs(50)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", j.id());
      row.put("kind", j.kind().name().toLowerCase(Locale.ROOT));
      row.put("address", j.address());
      row.put("state", j.state().wireName());
      row.put("reason", j.reason());
      row.put("time", Labels.time(j.stateTime()));
      j.powBy().ifPresent(by -> row.put("powBy", by));
      if (j.state() == PubkeyWorkJob.State.DOING_POW) {
        messenger
            .powJobProgress(j.id())
            .ifPresent(
                p -> {
                  row.put("rate", SiFormat.of(p.trialsPerSecond()));
                  double eta = p.etaSeconds();
                  row.put("eta", Double.isNaN(eta) ? "unknown" : SendStatusView.duration(eta));
                });
      }
      jobs.add(row);
    }
    m.put("jobs", jobs);
    m.put("solves", solves.rows());
    return m;
  }

  private WebResponse pow(WebRequest r) {
    return view.page(r, "pow", "Proof of work", powScope());
  }

  private WebResponse powPanel(WebRequest r) {
    return WebResponse.html(view.fragment("pow-panel", powScope()));
  }
}
