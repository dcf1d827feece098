package dev.bitmsg.node.wire;

import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * The acceptance rules of PROTOCOL.md section 4 for a received object: payload size, expiry window,
 * stream, proof of work and the per-type sanity rules. The duplicate check (step 4) is the
 * inventory's job. Cheap checks run before the proof of work so junk costs no hashing; the verdict
 * kinds say which rule failed. Immutable and thread-safe if the injected checks are.
 */
public final class ObjectValidator {
  private final PowCheck powCheck;
  private final LongPredicate servesStream;

  /**
   * @param powCheck decides the proof of work (network defaults, section 5)
   * @param servesStream true for the streams this node serves
   */
  public ObjectValidator(PowCheck powCheck, LongPredicate servesStream) {
    this.powCheck = powCheck;
    this.servesStream = servesStream;
  }

  public ObjectVerdict validate(ObjectMessage object, long nowEpochSeconds) {
    if (object.payloadLength() > WireLimits.MAX_OBJECT_PAYLOAD) {
      return new ObjectVerdict(
          ObjectVerdict.Kind.TOO_LARGE,
          "object payload of "
              + object.payloadLength()
              + " bytes exceeds "
              + WireLimits.MAX_OBJECT_PAYLOAD);
    }
    // expiresTime is uint64; values beyond Long.MAX_VALUE are far in the future.
    long expires = object.expiresTime();
    if (expires < 0 || expires - nowEpochSeconds > WireLimits.MAX_EXPIRES_AHEAD_SECONDS) {
      return new ObjectVerdict(
          ObjectVerdict.Kind.TOO_FAR_AHEAD,
          "expires "
              + Long.toUnsignedString(expires)
              + ", more than "
              + WireLimits.MAX_EXPIRES_AHEAD_SECONDS
              + " s after "
              + nowEpochSeconds);
    }
    if (expires - nowEpochSeconds < -WireLimits.MAX_EXPIRED_SECONDS) {
      return new ObjectVerdict(
          ObjectVerdict.Kind.EXPIRED,
          "expired at "
              + expires
              + ", more than "
              + WireLimits.MAX_EXPIRED_SECONDS
              + " s before "
              + nowEpochSeconds);
    }
    long stream = object.stream();
    if (stream < 1) {
      return new ObjectVerdict(
          ObjectVerdict.Kind.BAD_STREAM,
          "stream " + Long.toUnsignedString(stream) + " outside 1..2^63-1");
    }
    if (!servesStream.test(stream)) {
      return new ObjectVerdict(
          ObjectVerdict.Kind.STREAM_NOT_SERVED, "stream " + stream + " not served");
    }
    if (!powCheck.isSufficient(object, nowEpochSeconds)) {
      // The target depends on the TTL left, so on the validating clock: a peer whose clock runs
      // ahead (within the tolerated offset) rightly passes what falls short here.
      if (powCheck.isSufficient(object, nowEpochSeconds + WireLimits.MAX_TIME_OFFSET_SECONDS)) {
        return new ObjectVerdict(
            ObjectVerdict.Kind.POW_CLOCK_DEPENDENT,
            "proof of work insufficient at our clock, sufficient at a clock up to "
                + WireLimits.MAX_TIME_OFFSET_SECONDS
                + " s ahead");
      }
      return new ObjectVerdict(ObjectVerdict.Kind.INSUFFICIENT_POW, "proof of work insufficient");
    }
    Optional<String> insane = typeSanity(object);
    if (insane.isPresent()) {
      return new ObjectVerdict(ObjectVerdict.Kind.RELAY_ONLY, insane.get());
    }
    try {
      ObjectPayloads.parse(object);
    } catch (ProtocolException e) {
      return new ObjectVerdict(
          ObjectVerdict.Kind.RELAY_ONLY, "malformed payload: " + e.getMessage());
    }
    return ObjectVerdict.ACCEPTED;
  }

  /** Section 4 step 6 on the whole object length: the reason it fails, or empty when sane. */
  static Optional<String> typeSanity(ObjectMessage object) {
    long type = object.objectType();
    int len = object.length();
    if (type == ObjectType.GETPUBKEY && len < WireLimits.GETPUBKEY_MIN_OBJECT_LENGTH) {
      return Optional.of(
          "getpubkey of " + len + " bytes, minimum " + WireLimits.GETPUBKEY_MIN_OBJECT_LENGTH);
    }
    if (type == ObjectType.PUBKEY
        && (len < WireLimits.PUBKEY_MIN_OBJECT_LENGTH
            || len > WireLimits.PUBKEY_MAX_OBJECT_LENGTH)) {
      return Optional.of(
          "pubkey of "
              + len
              + " bytes, outside "
              + WireLimits.PUBKEY_MIN_OBJECT_LENGTH
              + ".."
              + WireLimits.PUBKEY_MAX_OBJECT_LENGTH);
    }
    if (type == ObjectType.BROADCAST
        && (len < WireLimits.BROADCAST_MIN_OBJECT_LENGTH
            || Long.compareUnsigned(object.version(), 2) < 0)) {
      return Optional.of(
          "broadcast v"
              + object.version()
              + " of "
              + len
              + " bytes, minimum "
              + WireLimits.BROADCAST_MIN_OBJECT_LENGTH
              + " bytes and version 2");
    }
    return Optional.empty();
  }
}
