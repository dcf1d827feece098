package dev.bitmsg.node.app;

import dev.bitmsg.node.events.NotifySettings;
import dev.bitmsg.node.messaging.MessagingSettings;
import dev.bitmsg.pow.Difficulty;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options of {@code bm node} that PyBitmessage users know from keys.dat, each also a config key
 * (its long name, or PyBitmessage's name: {@link ConfigDefaults#PYBITMESSAGE_KEYS}): default TTL
 * ({@code ttl}), when to stop resending ({@code stopresendingafterxdays}, {@code
 * stopresendingafterxmonths}), the most a recipient may demand ({@code
 * maxacceptablenoncetrialsperbyte}, {@code maxacceptablepayloadlengthextrabytes}) and the notify
 * command ({@code apinotifypath}). A picocli mixin.
 */
final class MessagingOptions {
  /** PyBitmessage's month for {@code stopresendingafterxmonths}: a twelfth of 365 days. */
  static final double MONTH_SECONDS = 365 * 24 * 3600 / 12.0;

  @Option(
      names = "--default-ttl",
      paramLabel = "SECONDS",
      description =
          "TTL of msgs and broadcasts sent through the API without one, 3600..2419200"
              + " (PyBitmessage ttl; default: 4 days, as PyBitmessage's API).")
  @Nullable Long defaultTtl;

  @Option(
      names = "--stop-resending-after-days",
      paramLabel = "DAYS",
      description =
          "Stop resending an unacknowledged msg this long after it was first sent, added to"
              + " --stop-resending-after-months (PyBitmessage stopresendingafterxdays;"
              + " default: 365 days in all). 0 and 0: never resend.")
  @Nullable Double stopResendingAfterDays;

  @Option(
      names = "--stop-resending-after-months",
      paramLabel = "MONTHS",
      description = "See --stop-resending-after-days (PyBitmessage stopresendingafterxmonths).")
  @Nullable Double stopResendingAfterMonths;

  @Option(
      names = "--max-acceptable-nonce-trials-per-byte",
      paramLabel = "N",
      description =
          "Most nonce trials per byte a recipient may demand before a msg is too difficult"
              + " (PyBitmessage maxacceptablenoncetrialsperbyte; 0: the default, 20000000000).")
  long maxNonceTrialsPerByte;

  @Option(
      names = "--max-acceptable-payload-length-extra-bytes",
      paramLabel = "N",
      description =
          "Most payload length extra bytes a recipient may demand"
              + " (PyBitmessage maxacceptablepayloadlengthextrabytes; 0: the default, 20000000000).")
  long maxPayloadLengthExtraBytes;

  @Option(
      names = "--notify-command",
      paramLabel = "PROGRAM",
      description =
          "Run PROGRAM with one argument, as PyBitmessage runs apinotifypath: startingUp when the"
              + " node is up, newMessage for each msg received, newBroadcast for each broadcast."
              + " Runs one at a time off the node's threads; killed after --notify-timeout.")
  @Nullable String notifyCommand;

  @Option(
      names = "--notify-timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "How long one run of --notify-command may take (default: ${DEFAULT-VALUE}).")
  long notifyTimeoutSeconds;

  /** {@code base} with these options applied. */
  MessagingSettings apply(MessagingSettings base) {
    MessagingSettings s = base;
    if (defaultTtl != null) {
      s = s.withDefaultTtlSeconds(defaultTtl);
    }
    if (stopResendingAfterDays != null || stopResendingAfterMonths != null) {
      double days = stopResendingAfterDays == null ? 0 : stopResendingAfterDays;
      double months = stopResendingAfterMonths == null ? 0 : stopResendingAfterMonths;
      if (days < 0 || months < 0 || Double.isNaN(days) || Double.isNaN(months)) {
        throw new IllegalArgumentException(
            "--stop-resending-after-days and -months must not be negative");
      }
      s = s.withGiveUpAfter(Duration.ofSeconds((long) (days * 24 * 3600 + months * MONTH_SECONDS)));
    }
    if (maxNonceTrialsPerByte < 0 || maxPayloadLengthExtraBytes < 0) {
      throw new IllegalArgumentException("--max-acceptable-... must not be negative");
    }
    Difficulty limit = s.maxDifficulty();
    s =
        s.withMaxDifficulty(
            new Difficulty(
                maxNonceTrialsPerByte == 0 ? limit.nonceTrialsPerByte() : maxNonceTrialsPerByte,
                maxPayloadLengthExtraBytes == 0
                    ? limit.payloadLengthExtraBytes()
                    : maxPayloadLengthExtraBytes));
    return s;
  }

  /** The notify command's settings, when one is given. */
  Optional<NotifySettings> notifySettings() {
    if (notifyCommand == null || notifyCommand.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new NotifySettings(
            notifyCommand, Duration.ofSeconds(notifyTimeoutSeconds), NotifySettings.DEFAULT_QUEUE));
  }
}
