package dev.bitmsg.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.bitmsg.node.messaging.Messenger;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.wire.Bytes;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SendStatusViewTest {
  private static OutboxEntry row(OutboxEntry.Kind kind, SendStatus status) {
    return new OutboxEntry(
        7,
        kind,
        "BM-from",
        Optional.of("BM-to"),
        2,
        Bytes.EMPTY,
        3600,
        Optional.empty(),
        status,
        0,
        0,
        0,
        0,
        Optional.of("cpu"),
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.empty());
  }

  @Test
  void statusWordsAreThoseOfPyBitmessage() {
    assertEquals(
        "ackreceived", SendStatusView.word(row(OutboxEntry.Kind.MSG, SendStatus.ACK_RECEIVED)));
    assertEquals(
        "broadcastsent", SendStatusView.word(row(OutboxEntry.Kind.BROADCAST, SendStatus.SENT)));
    assertEquals("msgsent", SendStatusView.word(row(OutboxEntry.Kind.MSG, SendStatus.SENT)));
    Map<String, Object> s = SendStatusView.status(row(OutboxEntry.Kind.MSG, SendStatus.DOING_POW));
    assertEquals("doingmsgpow", s.get("status"));
    assertEquals("Doing proof of work", s.get("label"));
    assertEquals("cpu", s.get("powBy"));
  }

  @Test
  void progressOnlyWhileDoingPow() {
    Messenger.Progress p = new Messenger.Progress(500_000, 250_000, 2_000_000);
    assertFalse(
        SendStatusView.pow(row(OutboxEntry.Kind.MSG, SendStatus.SENT), Optional.of(p))
            .containsKey("progress"));
    @SuppressWarnings("unchecked")
    Map<String, Object> pr =
        (Map<String, Object>)
            Objects.requireNonNull(
                SendStatusView.pow(row(OutboxEntry.Kind.MSG, SendStatus.DOING_POW), Optional.of(p))
                    .get("progress"));
    assertEquals(25, pr.get("percent"));
    assertEquals("250.0 k", pr.get("rate"));
    assertEquals("about 6 s left", pr.get("eta"));
  }

  @Test
  void humanDurations() {
    assertEquals("59 s", SendStatusView.duration(59));
    assertEquals("2 min 5 s", SendStatusView.duration(125));
    assertEquals("2 h 0 min", SendStatusView.duration(7200));
  }
}
