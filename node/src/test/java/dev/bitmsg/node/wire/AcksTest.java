package dev.bitmsg.node.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.vectors.VectorFile;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AcksTest {
  private static final VectorFile.Block V =
      VectorFile.block("objects.txt", "msg object built locally");

  @Test
  void ackVector_buildsTheSameObjectAndFrame() {
    Bytes ackData = Bytes.fromHex(V.get("ackdata"));
    assertEquals(WireLimits.ACK_DATA_LENGTH, ackData.length());
    long nonce = V.decimal("ack_nonce");
    ObjectMessage ack =
        Acks.ackObject(
            ackData,
            V.decimal("ack_expires_time"),
            withoutNonce -> {
              assertEquals(
                  V.get("ack_initial_hash"),
                  InitialHash.ofObjectWithoutNonce(withoutNonce.toByteArray()).toHex());
              return nonce;
            });
    assertEquals(V.get("ack_object"), ack.raw().toHex());
    assertEquals(V.get("ack_inventory_vector"), ack.inventoryVector().toHex());
    assertEquals(V.decimal("ack_trial_value"), ack.trialValue());
    assertTrue(TrialValue.meets(ack.trialValue(), V.decimal("ack_target")));
    assertEquals(V.get("ack_data_field"), Acks.frame(ack).toHex());
    assertEquals(ack, Acks.parseEmbedded(Bytes.fromHex(V.get("ack_data_field"))));
    assertTrue(Acks.isAckFor(ack, ackData));
    assertFalse(Acks.isAckFor(ack, Bytes.fromHex(V.get("ackdata").replace("d9d4", "d9d5"))));
  }

  @Test
  void ackObject_withEasyTarget_isSolvedByAnInjectedSolver() {
    Bytes ackData = Acks.newAckData(1, new SplittableRandom(7));
    long target = 1L << 60; // about 16 trials expected
    ObjectMessage ack =
        Acks.ackObject(
            ackData,
            1_700_086_400L,
            withoutNonce -> {
              InitialHash h = InitialHash.ofObjectWithoutNonce(withoutNonce.toByteArray());
              for (long n = 0; n < 100_000; n++) {
                if (TrialValue.isSolution(n, h, target)) {
                  return n;
                }
              }
              throw new AssertionError("no nonce in 100,000 trials");
            });
    assertTrue(TrialValue.meets(ack.trialValue(), target));
    assertEquals(ObjectType.MSG, ack.objectType());
    assertEquals(1, ack.version());
    assertEquals(1, ack.stream());
    assertEquals(ack, Acks.parseEmbedded(Acks.frame(ack)));
    assertTrue(Acks.isAckFor(ack, ackData));
  }

  @Test
  void newAckData_layout() {
    Bytes a = Acks.newAckData(1, new SplittableRandom(1));
    Bytes b = Acks.newAckData(1, new SplittableRandom(2));
    assertEquals(38, a.length());
    assertTrue(a.toHex().startsWith("000000020101"));
    assertFalse(a.equals(b));
    assertEquals(a, Acks.newAckData(1, new SplittableRandom(1)));
    assertTrue(
        Acks.newAckData(300, new SplittableRandom(1)).toHex().startsWith("0000000201fd012c"));
  }

  @Test
  void ackTtl_buckets() {
    long day = 86_400;
    assertEquals(day, Acks.ackTtl(3600));
    assertEquals(day, Acks.ackTtl(day - 1));
    assertEquals(7 * day, Acks.ackTtl(day));
    assertEquals(7 * day, Acks.ackTtl(7 * day - 1));
    assertEquals(28 * day, Acks.ackTtl(7 * day));
    assertEquals(28 * day, Acks.ackTtl(28 * day));
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 1000; i++) {
      long e = Acks.ackExpiresTime(1_000_000, 3600, rnd);
      assertTrue(e >= 1_000_000 + day - 300 && e <= 1_000_000 + day + 300, Long.toString(e));
    }
  }

  @Test
  void parseEmbedded_rejectsEveryBrokenCheck() {
    byte[] good = Bytes.fromHex(V.get("ack_data_field")).toByteArray();
    byte[] magic = good.clone();
    magic[0] = 0;
    assertThrows(ProtocolException.class, () -> Acks.parseEmbedded(Bytes.of(magic)));
    byte[] checksum = good.clone();
    checksum[good.length - 1] ^= 1;
    assertThrows(ProtocolException.class, () -> Acks.parseEmbedded(Bytes.of(checksum)));
    byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
    assertThrows(ProtocolException.class, () -> Acks.parseEmbedded(Bytes.of(longer)));
    for (int n = 0; n < good.length; n++) {
      Bytes cut = Bytes.of(good, 0, n);
      assertThrows(ProtocolException.class, () -> Acks.parseEmbedded(cut), "prefix " + n);
    }
    byte[] oversize = good.clone();
    ByteBuffer.wrap(oversize).putInt(16, WireLimits.MAX_RECEIVE_PAYLOAD + 1);
    assertThrows(ProtocolException.class, () -> Acks.parseEmbedded(Bytes.of(oversize)));
    Bytes notObject = FrameCodec.encode(new Frame("getdata", Bytes.fromHex(V.get("ack_object"))));
    assertThrows(ProtocolException.class, () -> Acks.parseEmbedded(notObject));
    Bytes tinyObject = FrameCodec.encode(new Frame("object", Bytes.fromHex("0001")));
    assertThrows(ProtocolException.class, () -> Acks.parseEmbedded(tinyObject));
  }
}
