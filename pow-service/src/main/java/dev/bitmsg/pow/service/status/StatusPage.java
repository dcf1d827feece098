package dev.bitmsg.pow.service.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bitmsg.pow.SiFormat;
import dev.bitmsg.pow.SuppressForbidden;
import dev.bitmsg.pow.service.scheduler.EngineSnapshot;
import dev.bitmsg.pow.service.scheduler.JobPriority;
import dev.bitmsg.pow.service.scheduler.QueueSnapshot;
import dev.bitmsg.pow.service.scheduler.Scheduler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The status page: {@code GET /} answers an HTML page read from the scheduler at that moment, which
 * reloads itself every {@link #REFRESH_SECONDS} seconds; {@code /status.css} its style. Read-only
 * (GET only), no script, a Content-Security-Policy that allows nothing else; every value is
 * escaped. Thread-safe.
 */
@SuppressForbidden(
    "com.sun.net.httpserver is the JDK's supported, exported HTTP server (jdk.httpserver)")
public final class StatusPage implements AutoCloseable {
  static final int REFRESH_SECONDS = 5;
  private static final String CSS =
      "body{font:15px/1.45 system-ui,sans-serif;margin:1rem 2rem;color:#1a1a1a}"
          + "table{border-collapse:collapse;margin:.5rem 0 1.5rem}"
          + "th,td{text-align:left;padding:.3rem .7rem;border-bottom:1px solid #ccc}"
          + "td.n{text-align:right;font-variant-numeric:tabular-nums}"
          + ".hint{color:#555}";

  private final Scheduler scheduler;
  private final RecentJobs recent;
  private final HttpServer server;
  private final ExecutorService executor;

  private StatusPage(Scheduler scheduler, HttpServer server) {
    this.scheduler = scheduler;
    this.recent = new RecentJobs(Clock.systemUTC());
    this.server = server;
    this.executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "pow-status-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /** Serves the page of {@code scheduler} on {@code host:port} (port 0: any free one). */
  public static StatusPage start(Scheduler scheduler, String host, int port) throws IOException {
    StatusPage p =
        new StatusPage(scheduler, HttpServer.create(new InetSocketAddress(host, port), 16));
    scheduler.addListener(p.recent);
    p.server.start();
    return p;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      ex.getResponseHeaders()
          .set(
              "Content-Security-Policy",
              "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'");
      ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      if (!ex.getRequestMethod().equals("GET")) {
        ex.getResponseHeaders().set("Allow", "GET");
        send(ex, 405, "text/plain", "read-only: GET only\n");
      } else if (path.equals("/")) {
        send(ex, 200, "text/html", render());
      } else if (path.equals("/status.css")) {
        send(ex, 200, "text/css", CSS);
      } else {
        send(ex, 404, "text/plain", "not found\n");
      }
    } catch (IOException | RuntimeException e) {
      // the browser went away; the next refresh asks again
    }
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  /** The page as it stands now. */
  String render() {
    StringBuilder h = new StringBuilder(4096);
    h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"refresh\" content=\"")
        .append(REFRESH_SECONDS)
        .append("\"><title>PoW service status</title>")
        .append("<link rel=\"stylesheet\" href=\"/status.css\"></head><body><main>")
        .append("<h1>PoW service status</h1><p class=\"hint\">Read-only; refreshes every ")
        .append(REFRESH_SECONDS)
        .append(" s.</p>");
    engines(h, scheduler.engines());
    queue(h, scheduler.queues());
    shares(h, scheduler.clientTrials());
    jobs(h, recent.list());
    return h.append("</main></body></html>\n").toString();
  }

  private static void engines(StringBuilder h, List<EngineSnapshot> engines) {
    h.append("<h2>Devices</h2><table><caption>Engines and their measured rates</caption><thead>")
        .append(
            "<tr><th scope=\"col\">Engine</th><th scope=\"col\">Health</th>"
                + "<th scope=\"col\">Trials/s</th><th scope=\"col\">Trials in all</th>"
                + "<th scope=\"col\">Busy</th></tr></thead><tbody>");
    double sum = 0;
    for (EngineSnapshot e : engines) {
      sum += e.trialsPerSecond();
      h.append("<tr><th scope=\"row\">")
          .append(esc(e.name()))
          .append("</th><td>")
          .append(e.healthy() ? "healthy" : "unhealthy")
          .append("</td><td class=\"n\">")
          .append(SiFormat.of(e.trialsPerSecond()))
          .append("</td><td class=\"n\">")
          .append(e.trialsTotal())
          .append("</td><td class=\"n\">")
          .append(seconds(Duration.ofNanos(e.busyNanos())))
          .append("</td></tr>");
    }
    h.append("<tr><th scope=\"row\">all</th><td></td><td class=\"n\">")
        .append(SiFormat.of(sum))
        .append("</td><td></td><td></td></tr></tbody></table>");
  }

  private static void queue(StringBuilder h, List<QueueSnapshot> queues) {
    Map<JobPriority, int[]> byPriority = new EnumMap<>(JobPriority.class);
    for (JobPriority p : JobPriority.values()) {
      byPriority.put(p, new int[2]);
    }
    for (QueueSnapshot q : queues) {
      int[] n = byPriority.computeIfAbsent(q.priority(), p -> new int[2]);
      n[0] += q.queued();
      n[1] += q.running();
    }
    h.append("<h2>Queue</h2><table><caption>Unfinished jobs by priority</caption><thead>")
        .append(
            "<tr><th scope=\"col\">Priority</th><th scope=\"col\">Queued</th>"
                + "<th scope=\"col\">Running</th></tr></thead><tbody>");
    byPriority.forEach(
        (p, n) ->
            h.append("<tr><th scope=\"row\">")
                .append(esc(p.name().toLowerCase(Locale.ROOT)))
                .append("</th><td class=\"n\">")
                .append(n[0])
                .append("</td><td class=\"n\">")
                .append(n[1])
                .append("</td></tr>"));
    h.append("</tbody></table>");
    if (!queues.isEmpty()) {
      h.append("<table><caption>Unfinished jobs by client</caption><thead>")
          .append(
              "<tr><th scope=\"col\">Client</th><th scope=\"col\">Priority</th>"
                  + "<th scope=\"col\">Queued</th><th scope=\"col\">Running</th></tr></thead><tbody>");
      for (QueueSnapshot q : queues) {
        h.append("<tr><th scope=\"row\">")
            .append(esc(q.client()))
            .append("</th><td>")
            .append(esc(q.priority().name().toLowerCase(Locale.ROOT)))
            .append("</td><td class=\"n\">")
            .append(q.queued())
            .append("</td><td class=\"n\">")
            .append(q.running())
            .append("</td></tr>");
      }
      h.append("</tbody></table>");
    }
  }

  private static void shares(StringBuilder h, Map<String, Long> clientTrials) {
    long total = clientTrials.values().stream().mapToLong(Long::longValue).sum();
    h.append("<h2>Clients</h2><table><caption>Each client's share of the trials scanned")
        .append("</caption><thead><tr><th scope=\"col\">Client</th><th scope=\"col\">Trials</th>")
        .append("<th scope=\"col\">Share</th></tr></thead><tbody>");
    if (clientTrials.isEmpty()) {
      h.append("<tr><td colspan=\"3\">No work done yet.</td></tr>");
    }
    new TreeMap<>(clientTrials)
        .forEach(
            (client, n) ->
                h.append("<tr><th scope=\"row\">")
                    .append(esc(client))
                    .append("</th><td class=\"n\">")
                    .append(n)
                    .append("</td><td class=\"n\">")
                    .append(
                        String.format(Locale.ROOT, "%.1f %%", total == 0 ? 0.0 : 100.0 * n / total))
                    .append("</td></tr>"));
    h.append("</tbody></table>");
  }

  private static void jobs(StringBuilder h, List<RecentJobs.Ended> jobs) {
    h.append("<h2>Recent jobs</h2><table><caption>The last ")
        .append(RecentJobs.KEEP)
        .append(" jobs that ended, newest first</caption><thead><tr>")
        .append(
            "<th scope=\"col\">Ended</th><th scope=\"col\">Client</th><th scope=\"col\">Priority</th>"
                + "<th scope=\"col\">Outcome</th><th scope=\"col\">Waited</th>"
                + "<th scope=\"col\">Computed</th><th scope=\"col\">Trials</th>"
                + "<th scope=\"col\">Expected</th></tr></thead><tbody>");
    if (jobs.isEmpty()) {
      h.append("<tr><td colspan=\"8\">None yet.</td></tr>");
    }
    for (RecentJobs.Ended j : jobs) {
      h.append("<tr><td>")
          .append(esc(j.at().truncatedTo(ChronoUnit.SECONDS).toString()))
          .append("</td><th scope=\"row\">")
          .append(esc(j.client()))
          .append("</th><td>")
          .append(esc(j.priority()))
          .append("</td><td>")
          .append(esc(j.outcome()))
          .append("</td><td class=\"n\">")
          .append(seconds(j.waited()))
          .append("</td><td class=\"n\">")
          .append(seconds(j.computed()))
          .append("</td><td class=\"n\">")
          .append(j.trials())
          .append("</td><td class=\"n\">")
          .append(SiFormat.of(j.expectedTrials()))
          .append("</td></tr>");
    }
    h.append("</tbody></table>");
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3f s", d.toNanos() / 1e9);
  }

  /** HTML escaping of text and attribute values. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
