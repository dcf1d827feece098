package dev.bitmsg.node.app;

import dev.bitmsg.node.api.ApiCredentials;
import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.NetworkParams;
import dev.bitmsg.node.net.PeerSettings;
import dev.bitmsg.node.rpc.Json;
import dev.bitmsg.pow.CpuPowEngine;
import dev.bitmsg.pow.PowRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bm bench mailbox}: whether the client API and the push stream stay flat as the mailbox
 * grows. Two node data directories are filled through the SQLite stores' insert statements (a
 * baseline mailbox and a large one, {@link MailboxFill}); on each a real node starts with its API
 * and push stream on loopback and the calls clients use are timed over HTTP ({@link ApiLatency}),
 * then the time from filing a message to its event at a stream subscriber ({@link
 * EventLatencyProbe}), then the process's memory. The ratios large/baseline say what grew.
 */
@Command(
    name = "mailbox",
    mixinStandardHelpOptions = true,
    description =
        "Time the API list and lookup calls and the push stream on a large mailbox against a"
            + " small one; print p50/p99, their ratio and memory.")
public final class MailboxBenchCommand implements Callable<Integer> {
  static final String FLAT =
      "ratio = p50 on the large mailbox / p50 on the baseline. A lookup or an event is flat when"
          + " its ratio stays near 1; a listing answers every message, so its size grows with the"
          + " mailbox: it is flat when per_item_ratio (ratio / growth of the answer) stays near 1"
          + " or below, i.e. no message costs more in a large mailbox.";

  private static final int WARM_UP = 3;
  private static final String USER = "bench";

  @Option(
      names = "--messages",
      paramLabel = "N",
      defaultValue = "100000",
      description = "Inbox messages of the large mailbox (default: ${DEFAULT-VALUE}).")
  int messages;

  @Option(
      names = "--sent",
      paramLabel = "N",
      description = "Sent messages of the large mailbox (default: a tenth of --messages).")
  int sent = -1;

  @Option(
      names = "--baseline-messages",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Inbox messages of the baseline mailbox (default: ${DEFAULT-VALUE}).")
  int baseline;

  @Option(
      names = "--calls",
      paramLabel = "K",
      defaultValue = "20",
      description =
          "Timed calls of each method (a quarter of it, at least 3, for the listings of whole"
              + " messages) (default: ${DEFAULT-VALUE}).")
  int calls;

  @Option(
      names = "--events",
      paramLabel = "E",
      defaultValue = "50",
      description = "Messages filed to time the push stream (default: ${DEFAULT-VALUE}).")
  int events;

  @Option(
      names = "--body-bytes",
      paramLabel = "BYTES",
      defaultValue = "200",
      description = "Body length of each message (default: ${DEFAULT-VALUE}).")
  int bodyBytes;

  @Option(
      names = "--variant",
      paramLabel = "xml|json",
      defaultValue = "xml",
      description = "API variant the node serves (default: ${DEFAULT-VALUE}).")
  String variant;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Directory for the two data directories, kept (default: a temp dir, deleted).")
  Path data;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Spec CommandSpec spec;

  /** One timed method: its name, whether it lists the folder, whether it lists whole messages. */
  private record Call(String method, boolean listing, boolean whole) {}

  private static final List<Call> CALLS =
      List.of(
          new Call("getAllInboxMessageIds", true, false),
          new Call("getAllSentMessageIds", true, false),
          new Call("getInboxMessageById", false, false),
          new Call("getSentMessageById", false, false),
          new Call("getStatus", false, false),
          new Call("getInboxMessagesByReceiver", true, true),
          new Call("getAllInboxMessages", true, true));

  /** The figures of one mailbox. */
  private record Run(
      int inbox,
      int sent,
      Map<String, ApiLatency.Figures> api,
      Map<String, Integer> returns,
      List<Double> eventsMs,
      double rssStartedMib,
      double rssMib,
      double liveHeapMib,
      double fillSeconds) {}

  @Override
  public Integer call() throws Exception {
    if (messages < 1 || baseline < 1 || calls < 1 || events < 1 || bodyBytes < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--messages, --baseline-messages, --calls, --events and --body-bytes must be at least 1");
    }
    ApiSettings.Variant v;
    try {
      v = ApiSettings.Variant.parse(variant);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    int largeSent = sent >= 0 ? sent : Math.max(1, messages / 10);
    int baseSent = Math.max(1, (int) ((long) largeSent * baseline / messages));
    Path dir = data != null ? data : Files.createTempDirectory("bm-mailbox");
    try {
      Run small = run(dir.resolve("baseline"), baseline, baseSent, v);
      Run large = run(dir.resolve("large"), messages, largeSent, v);
      double hwm = ProcStatus.mib("VmHWM");
      Map<String, Object> figures = report(small, large, v, hwm);
      if (json) {
        out.println(Json.write(figures));
      } else {
        printText(out, small, large, figures);
      }
      out.flush();
    } finally {
      if (data == null) {
        BenchFiles.deleteTree(dir);
      }
    }
    return 0;
  }

  private Run run(Path dir, int inbox, int sentRows, ApiSettings.Variant v)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    NodeConfig config =
        new NodeConfig(
            dir,
            Optional.empty(),
            List.of(),
            false,
            Optional.empty(),
            PeerSettings.defaults(),
            Duration.ofMinutes(10));
    long now = Clock.systemUTC().instant().getEpochSecond();
    MailboxFill fill = new MailboxFill(inbox, bodyBytes);
    long f0 = System.nanoTime();
    MailboxFill.Samples s = fill.fill(config.databaseFile(), inbox, sentRows, now);
    double fillSeconds = (System.nanoTime() - f0) / 1e9;

    String password = ApiCredentials.storedOrNewPassword(dir);
    ApiSettings api = new ApiSettings("127.0.0.1", 0, USER, password, v, false);
    // nothing to dial: the node serves its API and stream only
    NetworkParams offline =
        NetworkParams.mainnet(NodeMain.softwareVersion()).withoutBootstrapNodes();
    try (Node node =
        NodeAssembly.start(
            NodeSetup.of(config, offline, PowRules.NETWORK)
                .withApi(api)
                .withEvents(new HostPort("127.0.0.1", 0)))) {
      // The CPU PoW engine warms its kernels up in the background after a start: let it finish so
      // that it takes no CPU from the timed calls (once per process).
      CpuPowEngine.awaitWarmUp(Duration.ofMinutes(3));
      URI uri = URI.create("http://127.0.0.1:" + node.apiAddress().orElseThrow().getPort() + "/");
      double rssStarted = ProcStatus.mib("VmRSS");
      ApiLatency timer = new ApiLatency(uri, USER, password, v);
      checkIds(timer, inbox, sentRows);
      Map<String, ApiLatency.Figures> figures = new LinkedHashMap<>();
      for (Call c : CALLS) {
        int k = c.whole() ? Math.max(3, calls / 4) : calls;
        figures.put(c.method(), timer.measure(c.method(), params(c.method(), s), WARM_UP, k));
      }
      List<Double> ev;
      try (EventLatencyProbe probe =
          new EventLatencyProbe(node.eventsPort().orElseThrow(), USER, password)) {
        ev =
            Arrays.stream(probe.measure(node.inbox(), events, i -> fill.freshMessage(now)))
                .boxed()
                .toList();
      }
      System.gc();
      double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
      return new Run(
          inbox,
          sentRows,
          figures,
          returns(inbox, sentRows),
          ev,
          rssStarted,
          ProcStatus.mib("VmRSS"),
          heap,
          fillSeconds);
    }
  }

  /** The listings answer every id (their msgid members counted in the answers). */
  private static void checkIds(ApiLatency client, int inbox, int sentRows)
      throws IOException, InterruptedException {
    long got = client.countMsgids("getAllInboxMessageIds");
    long gotSent = client.countMsgids("getAllSentMessageIds");
    if (got != inbox || gotSent != sentRows) {
      throw new IllegalStateException(
          "the API listed "
              + got
              + " of "
              + inbox
              + " inbox ids and "
              + gotSent
              + " of "
              + sentRows
              + " sent ids");
    }
  }

  private static List<List<Object>> params(String method, MailboxFill.Samples s) {
    List<List<Object>> out = new ArrayList<>();
    switch (method) {
      case "getInboxMessageById" -> s.inboxIds().forEach(id -> out.add(List.of(id.toHex())));
      case "getSentMessageById" -> s.sentMsgids().forEach(id -> out.add(List.of(id)));
      case "getStatus" -> s.sentAckData().forEach(a -> out.add(List.of(a)));
      case "getInboxMessagesByReceiver" -> out.add(List.of(s.recipients().get(0)));
      default -> out.add(List.of());
    }
    return out;
  }

  /** How many messages each call answers on a mailbox of this size. */
  private static Map<String, Integer> returns(int inbox, int sentRows) {
    int toFirst = 0;
    for (int n = 0; n < inbox; n++) {
      if (n % 20 != 19 && n % MailboxFill.RECIPIENTS == 0) {
        toFirst++;
      }
    }
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("getAllInboxMessageIds", inbox);
    m.put("getAllSentMessageIds", sentRows);
    m.put("getInboxMessageById", 1);
    m.put("getSentMessageById", 1);
    m.put("getStatus", 1);
    m.put("getInboxMessagesByReceiver", toFirst);
    m.put("getAllInboxMessages", inbox);
    return m;
  }

  private Map<String, Object> report(Run small, Run large, ApiSettings.Variant v, double hwm) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("messages", large.inbox());
    out.put("sent_messages", large.sent());
    out.put("baseline_messages", small.inbox());
    out.put("baseline_sent_messages", small.sent());
    out.put("variant", v.name().toLowerCase(Locale.ROOT));
    out.put("flat", FLAT);
    Map<String, Object> api = new LinkedHashMap<>();
    double worstP99 = 0;
    for (Call c : CALLS) {
      ApiLatency.Figures l = get(large.api(), c.method());
      ApiLatency.Figures b = get(small.api(), c.method());
      int returns = get(large.returns(), c.method());
      int baseReturns = get(small.returns(), c.method());
      double ratio = l.p50Ms() / b.p50Ms();
      double growth = (double) returns / Math.max(1, baseReturns);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", c.listing() ? "listing" : "lookup");
      m.put("returns", returns);
      m.put("baseline_returns", baseReturns);
      m.put("calls", l.calls());
      m.put("p50_ms", round(l.p50Ms()));
      m.put("p99_ms", round(l.p99Ms()));
      m.put("baseline_p50_ms", round(b.p50Ms()));
      m.put("baseline_p99_ms", round(b.p99Ms()));
      m.put("ratio", round(ratio));
      m.put("per_item_ratio", round(ratio / growth));
      m.put("answer_bytes", l.answerBytes());
      api.put(c.method(), m);
      worstP99 = Math.max(worstP99, l.p99Ms());
    }
    out.put("api", api);
    out.put("api_p99_ms", round(worstP99));
    double idsP99 = get(large.api(), "getAllInboxMessageIds").p99Ms();
    out.put("inbox_ids_p99_ms", round(idsP99));
    out.put("inbox_ids_within_1s", idsP99 <= 1000);
    double evP50 = ApiLatency.percentile(sorted(large.eventsMs()), 0.5);
    double baseEvP50 = ApiLatency.percentile(sorted(small.eventsMs()), 0.5);
    out.put("events", large.eventsMs().size());
    out.put("event_latency_p50_ms", round(evP50));
    out.put("event_latency_p99_ms", round(ApiLatency.percentile(sorted(large.eventsMs()), 0.99)));
    out.put("baseline_event_latency_p50_ms", round(baseEvP50));
    out.put(
        "baseline_event_latency_p99_ms",
        round(ApiLatency.percentile(sorted(small.eventsMs()), 0.99)));
    out.put("event_ratio", round(evP50 / baseEvP50));
    out.put("rss_started_mib", round(large.rssStartedMib()));
    out.put("baseline_rss_started_mib", round(small.rssStartedMib()));
    out.put("rss_mib", round(large.rssMib()));
    out.put("baseline_rss_mib", round(small.rssMib()));
    out.put("rss_peak_mib", round(hwm));
    out.put("live_heap_mib", round(large.liveHeapMib()));
    out.put("baseline_live_heap_mib", round(small.liveHeapMib()));
    out.put("fill_s", round(large.fillSeconds()));
    out.put("java", System.getProperty("java.version"));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void printText(PrintWriter w, Run small, Run large, Map<String, Object> out) {
    w.printf(
        Locale.ROOT,
        "mailbox %d inbox + %d sent (filled in %.1f s), baseline %d + %d, API %s%n",
        large.inbox(),
        large.sent(),
        large.fillSeconds(),
        small.inbox(),
        small.sent(),
        out.get("variant"));
    w.printf(
        Locale.ROOT,
        "%-28s %8s %10s %10s %10s %10s %8s %9s%n",
        "call",
        "returns",
        "p50 ms",
        "p99 ms",
        "base p50",
        "base p99",
        "ratio",
        "per item");
    for (Map.Entry<String, Object> e : ((Map<String, Object>) get(out, "api")).entrySet()) {
      Map<String, Object> m = (Map<String, Object>) e.getValue();
      w.printf(
          Locale.ROOT,
          "%-28s %8s %10s %10s %10s %10s %8s %9s%n",
          e.getKey(),
          m.get("returns"),
          m.get("p50_ms"),
          m.get("p99_ms"),
          m.get("baseline_p50_ms"),
          m.get("baseline_p99_ms"),
          m.get("ratio"),
          m.get("per_item_ratio"));
    }
    w.printf(
        Locale.ROOT,
        "event latency (filed -> at a stream subscriber): p50 %s ms, p99 %s ms;"
            + " baseline p50 %s ms; ratio %s%n",
        out.get("event_latency_p50_ms"),
        out.get("event_latency_p99_ms"),
        out.get("baseline_event_latency_p50_ms"),
        out.get("event_ratio"));
    w.printf(
        Locale.ROOT,
        "memory: RSS %s MiB once started on the mailbox (baseline %s MiB), %s MiB after the calls"
            + " (baseline %s MiB, peak %s MiB), live heap %s MiB, Java %s%n",
        out.get("rss_started_mib"),
        out.get("baseline_rss_started_mib"),
        out.get("rss_mib"),
        out.get("baseline_rss_mib"),
        out.get("rss_peak_mib"),
        out.get("live_heap_mib"),
        out.get("java"));
    w.println("getAllInboxMessageIds p99 within 1 s: " + out.get("inbox_ids_within_1s"));
    w.println(FLAT);
  }

  private static <K, V> V get(Map<K, V> m, K key) {
    return Objects.requireNonNull(m.get(key), () -> "no " + key);
  }

  private static double[] sorted(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
