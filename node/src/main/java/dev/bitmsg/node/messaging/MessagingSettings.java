package dev.bitmsg.node.messaging;

import dev.bitmsg.pow.Difficulty;
import java.time.Duration;

/**
 * Settings of the messaging layer. Immutable.
 *
 * @param maxDifficulty the most a recipient may demand before a message becomes "too difficult"
 *     (PyBitmessage {@code maxacceptablenoncetrialsperbyte}/{@code ...payloadlengthextrabytes})
 * @param giveUpAfter how long after queueing a message unanswered resends stop (status failed;
 *     PyBitmessage {@code stopresendingafterxdays} + {@code stopresendingafterxmonths})
 * @param checkInterval how often the sender loop looks for due resends
 * @param sendAcks whether received msgs are acknowledged at all (each identity has its own switch
 *     too, PyBitmessage's per-address {@code dontsendack})
 * @param pubkeyTtlSeconds TTL of own pubkey objects; also how long after a publication getpubkeys
 *     are not answered again and when the pubkey is re-published
 * @param ackStealthLevel shape of the acks of sent msgs, 0..2 (PyBitmessage "ackstealthlevel", see
 *     {@link AckMaker})
 * @param defaultTtlSeconds TTL of msgs and broadcasts queued without one (PyBitmessage {@code
 *     ttl}), 1 hour .. 28 days
 */
public record MessagingSettings(
    Difficulty maxDifficulty,
    Duration giveUpAfter,
    Duration checkInterval,
    boolean sendAcks,
    long pubkeyTtlSeconds,
    int ackStealthLevel,
    long defaultTtlSeconds) {
  /** PyBitmessage's default limits: 2·10^10 each. */
  public static final Difficulty DEFAULT_MAX_DIFFICULTY =
      new Difficulty(20_000_000_000L, 20_000_000_000L);

  /** The TTL of the API's sendMessage and sendBroadcast when none is given: 4 days. */
  public static final long DEFAULT_TTL_SECONDS = 4L * 24 * 3600;

  /** The shortest and the longest TTL PyBitmessage puts on a msg or broadcast. */
  public static final long MIN_TTL_SECONDS = 3600;

  public static final long MAX_TTL_SECONDS = 28L * 24 * 3600;

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
    if (defaultTtlSeconds < MIN_TTL_SECONDS || defaultTtlSeconds > MAX_TTL_SECONDS) {
      throw new IllegalArgumentException(
          "default TTL must be 3600 .. 2419200 seconds (1 hour .. 28 days), got "
              + defaultTtlSeconds);
    }
  }

  /**
   * Production defaults: resend for a year, check every 60 s, 28-day pubkeys, small acks, 4-day
   * TTL.
   */
  public static MessagingSettings defaults() {
    return new MessagingSettings(
        DEFAULT_MAX_DIFFICULTY,
        Duration.ofDays(365),
        Duration.ofSeconds(60),
        true,
        28L * 24 * 3600,
        0,
        DEFAULT_TTL_SECONDS);
  }

  public MessagingSettings withCheckInterval(Duration d) {
    return new MessagingSettings(
        maxDifficulty,
        giveUpAfter,
        d,
        sendAcks,
        pubkeyTtlSeconds,
        ackStealthLevel,
        defaultTtlSeconds);
  }

  public MessagingSettings withGiveUpAfter(Duration d) {
    return new MessagingSettings(
        maxDifficulty,
        d,
        checkInterval,
        sendAcks,
        pubkeyTtlSeconds,
        ackStealthLevel,
        defaultTtlSeconds);
  }

  public MessagingSettings withSendAcks(boolean on) {
    return new MessagingSettings(
        maxDifficulty,
        giveUpAfter,
        checkInterval,
        on,
        pubkeyTtlSeconds,
        ackStealthLevel,
        defaultTtlSeconds);
  }

  public MessagingSettings withMaxDifficulty(Difficulty d) {
    return new MessagingSettings(
        d,
        giveUpAfter,
        checkInterval,
        sendAcks,
        pubkeyTtlSeconds,
        ackStealthLevel,
        defaultTtlSeconds);
  }

  public MessagingSettings withPubkeyTtlSeconds(long ttl) {
    return new MessagingSettings(
        maxDifficulty,
        giveUpAfter,
        checkInterval,
        sendAcks,
        ttl,
        ackStealthLevel,
        defaultTtlSeconds);
  }

  public MessagingSettings withAckStealthLevel(int level) {
    return new MessagingSettings(
        maxDifficulty,
        giveUpAfter,
        checkInterval,
        sendAcks,
        pubkeyTtlSeconds,
        level,
        defaultTtlSeconds);
  }

  public MessagingSettings withDefaultTtlSeconds(long ttl) {
    return new MessagingSettings(
        maxDifficulty,
        giveUpAfter,
        checkInterval,
        sendAcks,
        pubkeyTtlSeconds,
        ackStealthLevel,
        ttl);
  }
}
