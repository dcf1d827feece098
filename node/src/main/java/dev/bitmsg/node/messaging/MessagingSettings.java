package dev.bitmsg.node.messaging;

import dev.bitmsg.pow.Difficulty;
import java.time.Duration;

/**
 * Settings of the messaging layer. Immutable.
 *
 * @param maxDifficulty the most a recipient may demand before a message becomes "too difficult"
 *     (PyBitmessage {@code maxacceptablenoncetrialsperbyte}/{@code ...payloadlengthextrabytes})
 * @param giveUpAfter how long after queueing a message unanswered resends stop (status failed)
 * @param checkInterval how often the sender loop looks for due resends
 * @param sendAcks whether received msgs are acknowledged (PyBitmessage's inverse {@code
 *     dontsendack})
 * @param pubkeyTtlSeconds TTL of own pubkey objects; also how long after a publication getpubkeys
 *     are not answered again and when the pubkey is re-published
 * @param ackStealthLevel shape of the acks of sent msgs, 0..2 (PyBitmessage "ackstealthlevel", see
 *     {@link AckMaker})
 */
public record MessagingSettings(
    Difficulty maxDifficulty,
    Duration giveUpAfter,
    Duration checkInterval,
    boolean sendAcks,
    long pubkeyTtlSeconds,
    int ackStealthLevel) {
  /** PyBitmessage's default limits: 2·10^10 each. */
  public static final Difficulty DEFAULT_MAX_DIFFICULTY =
      new Difficulty(20_000_000_000L, 20_000_000_000L);

  public MessagingSettings {
    if (checkInterval.isZero() || checkInterval.isNegative()) {
      throw new IllegalArgumentException("checkInterval must be positive");
    }
    if (giveUpAfter.isNegative()) {
      throw new IllegalArgumentException("giveUpAfter must not be negative");
    }
    if (pubkeyTtlSeconds < 3600 || pubkeyTtlSeconds > 28L * 24 * 3600) {
      throw new IllegalArgumentException(
          "pubkeyTtlSeconds must be 1 hour .. 28 days, got " + pubkeyTtlSeconds);
    }
    if (ackStealthLevel < 0 || ackStealthLevel > 2) {
      throw new IllegalArgumentException(
          "ack stealth level must be 0, 1 or 2, got " + ackStealthLevel);
    }
  }

  /** Production defaults: resend for a year, check every 60 s, 28-day pubkeys, small acks. */
  public static MessagingSettings defaults() {
    return new MessagingSettings(
        DEFAULT_MAX_DIFFICULTY,
        Duration.ofDays(365),
        Duration.ofSeconds(60),
        true,
        28L * 24 * 3600,
        0);
  }

  public MessagingSettings withCheckInterval(Duration d) {
    return new MessagingSettings(
        maxDifficulty, giveUpAfter, d, sendAcks, pubkeyTtlSeconds, ackStealthLevel);
  }

  public MessagingSettings withGiveUpAfter(Duration d) {
    return new MessagingSettings(
        maxDifficulty, d, checkInterval, sendAcks, pubkeyTtlSeconds, ackStealthLevel);
  }

  public MessagingSettings withSendAcks(boolean on) {
    return new MessagingSettings(
        maxDifficulty, giveUpAfter, checkInterval, on, pubkeyTtlSeconds, ackStealthLevel);
  }

  public MessagingSettings withMaxDifficulty(Difficulty d) {
    return new MessagingSettings(
        d, giveUpAfter, checkInterval, sendAcks, pubkeyTtlSeconds, ackStealthLevel);
  }

  public MessagingSettings withPubkeyTtlSeconds(long ttl) {
    return new MessagingSettings(
        maxDifficulty, giveUpAfter, checkInterval, sendAcks, ttl, ackStealthLevel);
  }

  public MessagingSettings withAckStealthLevel(int level) {
    return new MessagingSettings(
        maxDifficulty, giveUpAfter, checkInterval, sendAcks, pubkeyTtlSeconds, level);
  }
}
