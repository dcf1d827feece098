package dev.bitmsg.node.messaging;

import dev.bitmsg.node.content.MessageContent;
import dev.bitmsg.node.store.MailingLists;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Own addresses acting as mailing lists (PyBitmessage's {@code mailinglist} address setting, the
 * mailing-list branch of class_objectProcessor.processmsg): a msg such an address accepts into the
 * inbox is queued again as a broadcast from that address, so its subscribers get it. The subject
 * gets the list's name in brackets in front (a leading {@code Re:}/{@code RE:} dropped, nothing
 * added when the name is there already), the body a first line with the time (UTC) and the original
 * sender. Thread-safe.
 */
final class MailingListRelay {
  private static final Logger log = LoggerFactory.getLogger(MailingListRelay.class);

  /** TTL of the re-broadcast: PyBitmessage's default TTL, four days. */
  static final long TTL_SECONDS = 4L * 24 * 3600;

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("EEE, yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final MailingLists lists;
  private final Messenger messenger;
  private final Clock clock;

  MailingListRelay(MailingLists lists, Messenger messenger, Clock clock) {
    this.lists = lists;
    this.messenger = messenger;
    this.clock = clock;
  }

  /**
   * A msg to {@code to} from {@code from} reached the inbox: re-broadcast it if {@code to} is a
   * list.
   */
  void received(String to, String from, MessageContent content) {
    Optional<String> name = lists.name(to);
    if (name.isEmpty()) {
      return;
    }
    long id =
        messenger.broadcast(
            to,
            subject(content.subject(), name.get()),
            body(from, content.body(), clock.instant()),
            TTL_SECONDS);
    log.info("mailing list message queued list={} from={} id={}", to, from, id);
  }

  /** PyBitmessage's mailing-list subject: {@code [name] subject}. */
  static String subject(String subject, String name) {
    String s = subject.strip();
    if (s.startsWith("Re:") || s.startsWith("RE:")) {
      s = s.substring(3).strip();
    }
    String tag = "[" + name + "]";
    return s.contains(tag) ? s : tag + " " + s;
  }

  /** PyBitmessage's mailing-list body: a line with the time and the original sender first. */
  static String body(String from, String body, Instant now) {
    return STAMP.format(now) + "   Message ostensibly from " + from + ":\n\n" + body;
  }
}
