package dev.bitmsg.pow.service;

import com.google.protobuf.ByteString;
import dev.bitmsg.pow.Difficulty;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.ObjectPow;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.PowVerdict;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.service.scheduler.JobPriority;
import dev.bitmsg.pow.v1.DifficultyOrBuilder;
import dev.bitmsg.pow.v1.NonceCheck;
import dev.bitmsg.pow.v1.ObjectCheck;
import dev.bitmsg.pow.v1.Priority;
import dev.bitmsg.pow.v1.SolveObjectRequest;
import dev.bitmsg.pow.v1.SolveRequest;
import dev.bitmsg.pow.v1.TargetParams;
import dev.bitmsg.pow.v1.ValidateResponse;
import java.time.Clock;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Turns requests into validated domain values, throwing {@link InvalidRequestException} that names
 * the field for anything malformed or absurd, before any work is queued. Targets computed from
 * object length, TTL and difficulty, and whole-object checks, follow the {@link PowRules} it is
 * given. Immutable and thread-safe.
 */
public final class RequestMapper {
  /** Largest object accepted: the largest message payload a node may send (PROTOCOL.md s.2). */
  public static final int MAX_OBJECT_BYTES = 1_600_003;

  public static final int MIN_OBJECT_BYTES = ObjectPow.MIN_OBJECT_LENGTH;
  public static final long MAX_TTL_SECONDS = ObjectPow.MAX_TTL_SECONDS;

  private final Clock clock;
  private final PowRules rules;
  private final double maxExpectedTrials;

  public RequestMapper(Clock clock, PowRules rules, double maxExpectedTrials) {
    this.clock = clock;
    this.rules = rules;
    this.maxExpectedTrials = maxExpectedTrials;
  }

  public SearchRequest solve(SolveRequest r) {
    InitialHash hash = hash(r.getInitialHash(), "initial_hash");
    long target =
        switch (r.getTargetSpecCase()) {
          case TARGET -> nonZero(r.getTarget());
          case PARAMS -> target(r.getParams());
          case TARGETSPEC_NOT_SET ->
              throw new InvalidRequestException("one of target or params is required");
        };
    return checked(
        new SearchRequest(
            hash,
            target,
            priority(r.getPriority()),
            r.hasStartNonce() ? OptionalLong.of(r.getStartNonce()) : OptionalLong.empty()));
  }

  public ObjectRequest solveObject(SolveObjectRequest r) {
    ByteString object = r.getObject();
    checkObjectLength(object);
    long ttl = expiresTime(object) - clock.instant().getEpochSecond();
    if (ttl <= 0) {
      throw new InvalidRequestException("object: its expiry time has passed (" + -ttl + " s ago)");
    }
    if (ttl > MAX_TTL_SECONDS) {
      throw new InvalidRequestException(
          "object: expiry is " + ttl + " s ahead, more than the " + MAX_TTL_SECONDS + " s allowed");
    }
    long target = searchTarget(object.size(), ttl, difficulty(r.getDifficulty()));
    InitialHash hash = ObjectPow.initialHash(object.toByteArray());
    OptionalLong start =
        r.hasStartNonce() ? OptionalLong.of(r.getStartNonce()) : OptionalLong.empty();
    return new ObjectRequest(
        checked(new SearchRequest(hash, target, priority(r.getPriority()), start)), object);
  }

  public ValidateResponse validate(NonceCheck c) {
    InitialHash hash = hash(c.getInitialHash(), "nonce.initial_hash");
    long target =
        switch (c.getTargetSpecCase()) {
          case TARGET -> nonZero(c.getTarget());
          case PARAMS -> target(c.getParams());
          case TARGETSPEC_NOT_SET ->
              throw new InvalidRequestException("nonce: one of target or params is required");
        };
    return verdict(c.getNonce(), hash, target);
  }

  public ValidateResponse validate(ObjectCheck c) {
    ByteString object = c.getObject();
    checkObjectLength(object);
    if (c.getNowSeconds() < 0) {
      throw new InvalidRequestException("object.now_seconds is beyond any sensible date");
    }
    long now = c.getNowSeconds() != 0 ? c.getNowSeconds() : clock.instant().getEpochSecond();
    byte[] bytes = object.toByteArray();
    Difficulty difficulty = difficulty(c.getDifficulty());
    PowVerdict v = rules.validate(bytes, now, difficulty);
    long trial = TrialValue.of(ObjectPow.nonce(bytes), ObjectPow.initialHash(bytes));
    return ValidateResponse.newBuilder()
        .setValid(v.valid())
        .setTrialValue(trial)
        .setTarget(rules.objectTarget(bytes, now, difficulty))
        .setReason(v.toString())
        .build();
  }

  private static ValidateResponse verdict(long nonce, InitialHash hash, long target) {
    long trial = TrialValue.of(nonce, hash);
    boolean ok = TrialValue.meets(trial, target);
    return ValidateResponse.newBuilder()
        .setValid(ok)
        .setTrialValue(trial)
        .setTarget(target)
        .setReason(
            "trial value "
                + Long.toUnsignedString(trial)
                + (ok ? " <= " : " > ")
                + "target "
                + Long.toUnsignedString(target))
        .build();
  }

  private SearchRequest checked(SearchRequest s) {
    if (s.expectedTrials() > maxExpectedTrials) {
      throw new InvalidRequestException(
          String.format(
              Locale.ROOT,
              "target %s needs %.4g expected trials, more than this server's limit of %.4g",
              Long.toUnsignedString(s.target()),
              s.expectedTrials(),
              maxExpectedTrials));
    }
    return s;
  }

  private static InitialHash hash(ByteString b, String field) {
    if (b.size() != InitialHash.LENGTH) {
      throw new InvalidRequestException(
          field + " must be " + InitialHash.LENGTH + " bytes, got " + b.size());
    }
    return InitialHash.of(b.toByteArray());
  }

  private static long nonZero(long target) {
    if (target == 0) {
      throw new InvalidRequestException("target must not be 0");
    }
    return target;
  }

  private long target(TargetParams p) {
    if (p.getObjectLength() < 8 || p.getObjectLength() > MAX_OBJECT_BYTES) {
      throw new InvalidRequestException(
          "params.object_length must be 8.."
              + MAX_OBJECT_BYTES
              + " (nonce included), got "
              + Long.toUnsignedString(p.getObjectLength()));
    }
    if (Long.compareUnsigned(p.getTtlSeconds(), MAX_TTL_SECONDS) > 0) {
      throw new InvalidRequestException(
          "params.ttl_seconds must be at most "
              + MAX_TTL_SECONDS
              + ", got "
              + Long.toUnsignedString(p.getTtlSeconds()));
    }
    return searchTarget(p.getObjectLength(), p.getTtlSeconds(), difficulty(p.getDifficulty()));
  }

  private long searchTarget(long length, long ttl, Difficulty d) {
    try {
      return rules.targetForSearch(length, ttl, d);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("difficulty: " + e.getMessage());
    }
  }

  private static Difficulty difficulty(DifficultyOrBuilder d) {
    return new Difficulty(d.getNonceTrialsPerByte(), d.getPayloadLengthExtraBytes());
  }

  private static void checkObjectLength(ByteString object) {
    if (object.size() < MIN_OBJECT_BYTES || object.size() > MAX_OBJECT_BYTES) {
      throw new InvalidRequestException(
          "object must be "
              + MIN_OBJECT_BYTES
              + ".."
              + MAX_OBJECT_BYTES
              + " bytes, got "
              + object.size());
    }
  }

  /** The object's expiresTime: bytes 8..16, big-endian, as a signed count of Unix seconds. */
  private static long expiresTime(ByteString object) {
    long expires = ObjectPow.expiresTime(object.toByteArray());
    if (expires < 0) {
      throw new InvalidRequestException(
          "object: expiresTime " + Long.toUnsignedString(expires) + " is beyond any sensible date");
    }
    return expires;
  }

  static JobPriority priority(Priority p) {
    return switch (p) {
      case PRIORITY_UNSPECIFIED, PRIORITY_BULK -> JobPriority.BULK;
      case PRIORITY_PUBKEY -> JobPriority.PUBKEY;
      case PRIORITY_ACK -> JobPriority.ACK;
      case PRIORITY_INTERACTIVE -> JobPriority.INTERACTIVE;
      case UNRECOGNIZED -> throw new InvalidRequestException("priority: unknown value");
    };
  }

  static Priority toProto(JobPriority p) {
    return switch (p) {
      case BULK -> Priority.PRIORITY_BULK;
      case PUBKEY -> Priority.PRIORITY_PUBKEY;
      case ACK -> Priority.PRIORITY_ACK;
      case INTERACTIVE -> Priority.PRIORITY_INTERACTIVE;
    };
  }
}
