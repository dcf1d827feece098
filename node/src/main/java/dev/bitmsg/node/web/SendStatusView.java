package dev.bitmsg.node.web;

import dev.bitmsg.node.messaging.Messenger;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.pow.SiFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a sent message's state reads on a page: a sentence for people, the PyBitmessage status word
 * (in {@code data-status}) for scripts and tests, and while proof of work runs its progress (trials
 * done of those expected, trials per second, time left). Stateless.
 */
final class SendStatusView {
  private SendStatusView() {}

  static String label(OutboxEntry e) {
    return switch (e.status()) {
      case QUEUED -> "Queued";
      case AWAITING_PUBKEY -> "Waiting for the recipient's public key";
      case DOING_POW -> "Doing proof of work";
      case SENT ->
          e.kind() == OutboxEntry.Kind.BROADCAST
              ? "Broadcast sent"
              : "Sent, waiting for the acknowledgement";
      case ACK_RECEIVED -> "Acknowledged by the recipient";
      case SENT_NO_ACK -> "Sent (no acknowledgement expected)";
      case TOO_DIFFICULT -> "Recipient demands too much proof of work";
      case FAILED -> "Failed";
      case CANCELLED -> "Cancelled";
    };
  }

  /** The status word: PyBitmessage's, {@code broadcastsent} for a sent broadcast. */
  static String word(OutboxEntry e) {
    return e.kind() == OutboxEntry.Kind.BROADCAST && e.status() == SendStatus.SENT
        ? "broadcastsent"
        : e.status().wireName();
  }

  /** The scope of the {@code send-status} fragment. */
  static Map<String, Object> status(OutboxEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("status", word(e));
    m.put("label", label(e));
    e.powBy().ifPresent(by -> m.put("powBy", by));
    e.detail().ifPresent(d -> m.put("detail", d));
    return m;
  }

  /** The scope of the {@code send-pow} fragment: empty when no proof of work runs. */
  static Map<String, Object> pow(OutboxEntry e, Optional<Messenger.Progress> progress) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    if (e.status() != SendStatus.DOING_POW || progress.isEmpty()) {
      return m;
    }
    Messenger.Progress p = progress.get();
    double expected = Math.max(1, p.expectedTrials());
    Map<String, Object> pr = new LinkedHashMap<>();
    pr.put("trials", p.trials());
    pr.put("expected", (long) expected);
    pr.put("percent", (int) Math.min(99, 100 * p.trials() / expected));
    pr.put("trialsText", SiFormat.of((double) p.trials()));
    pr.put("expectedText", SiFormat.of(expected));
    pr.put("rate", SiFormat.of(p.trialsPerSecond()));
    double eta = p.etaSeconds();
    pr.put(
        "eta",
        Double.isNaN(eta)
            ? "time left not known yet"
            : eta < 1 ? "done any moment" : "about " + duration(eta) + " left");
    m.put("progress", pr);
    return m;
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return (s / 60) + " min " + (s % 60) + " s";
    }
    return (s / 3600) + " h " + (s % 3600 / 60) + " min";
  }
}
