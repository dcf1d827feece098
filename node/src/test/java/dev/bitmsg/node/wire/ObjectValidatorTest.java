package dev.bitmsg.node.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.vectors.VectorFile;
import org.junit.jupiter.api.Test;

class ObjectValidatorTest {
  private static final VectorFile.Block MSG =
      VectorFile.block("objects.txt", "msg object built locally");
  private static final long NOW = MSG.decimal("now");

  /** The vector's network target for this object at {@code now} (TTL 3600 s, 508 bytes). */
  private static final long TARGET = MSG.decimal("target");

  private final ObjectValidator realPow =
      new ObjectValidator((o, now) -> TrialValue.meets(o.trialValue(), TARGET), s -> s == 1);
  private final ObjectValidator anyPow = new ObjectValidator((o, now) -> true, s -> s == 1);

  private static ObjectMessage msg() {
    return ObjectMessage.of(Bytes.fromHex(MSG.get("object")));
  }

  private static ObjectMessage make(
      long type, long version, long stream, long expires, int payloadLength) {
    return ObjectMessage.create(
        0, new ObjectHeader(expires, type, version, stream), Bytes.of(new byte[payloadLength]));
  }

  @Test
  void realMsg_withRealPow_isAccepted() {
    ObjectVerdict v = realPow.validate(msg(), NOW);
    assertEquals(ObjectVerdict.Kind.ACCEPT, v.kind(), v.reason());
    assertTrue(v.isStored());
    assertTrue(v.isProcessed());
  }

  @Test
  void wrongNonce_isInsufficientPow() {
    ObjectMessage tampered = msg().withNonce(msg().nonce() + 1);
    assertFalse(TrialValue.meets(tampered.trialValue(), TARGET));
    ObjectVerdict v = realPow.validate(tampered, NOW);
    assertEquals(ObjectVerdict.Kind.INSUFFICIENT_POW, v.kind());
    assertFalse(v.isStored());
  }

  @Test
  void powShortOnlyByAToleratedClockOffset_isClockDependent() {
    // A check whose target is met from NOW + 1800 on: a relay whose clock runs half an hour ahead.
    ObjectValidator aheadHalfHour = new ObjectValidator((o, now) -> now >= NOW + 1800, s -> s == 1);
    ObjectVerdict v = aheadHalfHour.validate(msg(), NOW);
    assertEquals(ObjectVerdict.Kind.POW_CLOCK_DEPENDENT, v.kind(), v.reason());
    assertFalse(v.isStored());
    ObjectValidator aheadTwoHours = new ObjectValidator((o, now) -> now >= NOW + 7200, s -> s == 1);
    assertEquals(ObjectVerdict.Kind.INSUFFICIENT_POW, aheadTwoHours.validate(msg(), NOW).kind());
  }

  @Test
  void expiryWindow_boundaries() {
    long expires = msg().expiresTime();
    assertEquals(ObjectVerdict.Kind.ACCEPT, anyPow.validate(msg(), expires + 3600).kind());
    assertEquals(ObjectVerdict.Kind.EXPIRED, anyPow.validate(msg(), expires + 3601).kind());
    long ahead = WireLimits.MAX_EXPIRES_AHEAD_SECONDS;
    assertEquals(2_430_000, ahead);
    assertEquals(ObjectVerdict.Kind.ACCEPT, anyPow.validate(msg(), expires - ahead).kind());
    assertEquals(
        ObjectVerdict.Kind.TOO_FAR_AHEAD, anyPow.validate(msg(), expires - ahead - 1).kind());
    ObjectMessage huge = make(ObjectType.MSG, 1, 1, -1L, 200);
    assertEquals(ObjectVerdict.Kind.TOO_FAR_AHEAD, anyPow.validate(huge, NOW).kind());
  }

  @Test
  void streams() {
    assertEquals(
        ObjectVerdict.Kind.BAD_STREAM, anyPow.validate(make(2, 1, 0, NOW, 200), NOW).kind());
    assertEquals(
        ObjectVerdict.Kind.BAD_STREAM, anyPow.validate(make(2, 1, -1L, NOW, 200), NOW).kind());
    assertEquals(
        ObjectVerdict.Kind.STREAM_NOT_SERVED, anyPow.validate(make(2, 1, 2, NOW, 200), NOW).kind());
  }

  @Test
  void payloadSize_limitIs2pow18() {
    assertEquals(
        ObjectVerdict.Kind.ACCEPT,
        anyPow.validate(make(ObjectType.MSG, 1, 1, NOW, 1 << 18), NOW).kind());
    assertEquals(
        ObjectVerdict.Kind.TOO_LARGE,
        anyPow.validate(make(ObjectType.MSG, 1, 1, NOW, (1 << 18) + 1), NOW).kind());
  }

  @Test
  void typeSanity_failures_areRelayOnly() {
    // getpubkey v4 of 41 bytes (payload 19)
    ObjectVerdict shortGetpubkey = anyPow.validate(make(ObjectType.GETPUBKEY, 4, 1, NOW, 19), NOW);
    assertEquals(ObjectVerdict.Kind.RELAY_ONLY, shortGetpubkey.kind());
    assertTrue(shortGetpubkey.isStored());
    assertFalse(shortGetpubkey.isProcessed());
    // 42 bytes passes the length rule but a v4 getpubkey needs a 32-byte tag
    ObjectVerdict malformed = anyPow.validate(make(ObjectType.GETPUBKEY, 4, 1, NOW, 20), NOW);
    assertEquals(ObjectVerdict.Kind.RELAY_ONLY, malformed.kind());
    assertTrue(malformed.reason().startsWith("malformed"), malformed.reason());
    assertEquals(
        ObjectVerdict.Kind.ACCEPT,
        anyPow.validate(make(ObjectType.GETPUBKEY, 3, 1, NOW, 20), NOW).kind());
    assertEquals(
        ObjectVerdict.Kind.RELAY_ONLY,
        anyPow.validate(make(ObjectType.PUBKEY, 2, 1, NOW, 123), NOW).kind());
    assertEquals(
        ObjectVerdict.Kind.RELAY_ONLY,
        anyPow.validate(make(ObjectType.PUBKEY, 4, 1, NOW, 419), NOW).kind());
    assertEquals(
        ObjectVerdict.Kind.ACCEPT,
        anyPow.validate(make(ObjectType.PUBKEY, 4, 1, NOW, 418), NOW).kind());
    assertEquals(
        ObjectVerdict.Kind.RELAY_ONLY,
        anyPow.validate(make(ObjectType.BROADCAST, 4, 1, NOW, 157), NOW).kind());
    assertEquals(
        ObjectVerdict.Kind.ACCEPT,
        anyPow.validate(make(ObjectType.BROADCAST, 4, 1, NOW, 158), NOW).kind());
    assertEquals(
        ObjectVerdict.Kind.RELAY_ONLY,
        anyPow.validate(make(ObjectType.BROADCAST, 1, 1, NOW, 300), NOW).kind());
  }

  @Test
  void unknownType_isAcceptedAndOpaque() {
    ObjectMessage onion = make(ObjectType.ONIONPEER, 3, 1, NOW, 18);
    assertEquals(ObjectVerdict.Kind.ACCEPT, anyPow.validate(onion, NOW).kind());
    assertTrue(ObjectPayloads.parse(onion) instanceof OpaquePayload);
  }
}
