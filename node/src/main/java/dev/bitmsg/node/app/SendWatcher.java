package dev.bitmsg.node.app;

import dev.bitmsg.node.api.ApiClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Follows a sent message through the API: prints each status change on its own line and, while
 * proof of work runs, a live progress bar (rate, ETA) redrawn in place. Stateless between calls.
 */
final class SendWatcher {
  /** Statuses after which nothing more happens without outside help. */
  static final Set<String> FINAL =
      Set.of(
          "ackreceived",
          "msgsentnoackexpected",
          "broadcastsent",
          "toodifficult",
          "failed",
          "notfound");

  /** Statuses after the proof of work is done. */
  static final Set<String> SENT =
      Set.of(
          "msgsent",
          "ackreceived",
          "msgsentnoackexpected",
          "broadcastsent",
          "toodifficult",
          "failed",
          "notfound");

  private SendWatcher() {}

  /** Polls until a status in {@code until} or the time limit; returns the last status. */
  static String watch(
      ApiClient api,
      String ackData,
      Set<String> until,
      Duration limit,
      PrintWriter out,
      String label)
      throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    long start = System.nanoTime();
    SendProgressLine bar = new SendProgressLine(out);
    String last = null;
    while (true) {
      if (!(api.call("getSendProgress", ackData) instanceof Map<?, ?> p)) {
        throw new ApiClient.ApiClientException(
            "the node API answered getSendProgress without an object", null);
      }
      String status = String.valueOf(p.get("status"));
      if (!status.equals(last)) {
        bar.clear();
        out.printf(
            Locale.ROOT,
            "%s%7.1f s  %s%s%n",
            label,
            (System.nanoTime() - start) / 1e9,
            status,
            p.containsKey("powBy") && SENT.contains(status)
                ? "  (PoW by " + p.get("powBy") + ")"
                : "");
        last = status;
      }
      if (until.contains(status) || FINAL.contains(status)) {
        bar.clear();
        return status;
      }
      if (p.get("trials") instanceof Number trials) {
        bar.draw(
            label
                + SendProgressLine.line(
                    status,
                    trials.doubleValue(),
                    num(p.get("expectedTrials")),
                    num(p.get("trialsPerSecond")),
                    num(p.get("etaSeconds"))));
      }
      if (System.nanoTime() > end) {
        bar.clear();
        out.printf(
            Locale.ROOT,
            "%sstill %s after %d s; it goes on in the node%n",
            label,
            status,
            limit.toSeconds());
        return status;
      }
      Thread.sleep(250);
    }
  }

  private static double num(@Nullable Object o) {
    return o instanceof Number n ? n.doubleValue() : 0;
  }
}
