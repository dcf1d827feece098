package dev.bitmsg.pow.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.vectors.VectorFile;
import org.junit.jupiter.api.Test;

/** The self-test constants are the vector file's values (and agree with the CPU reference). */
class KnownAnswersTest {
  private static final VectorFile.Block VECTORS =
      VectorFile.block("pow.txt", "GPU/CPU search kernel test");

  @Test
  void constantsEqualTheVectors() {
    assertEquals(InitialHash.fromHex(VECTORS.get("initial_hash")), KnownAnswers.HASH);
    for (int i = 0; i < 4; i++) {
      assertEquals(
          VECTORS.decimal("trial_value_nonce" + i), KnownAnswers.TRIAL_VALUES_0_TO_3.get(i));
      assertEquals(VECTORS.decimal("trial_value_nonce" + i), TrialValue.of(i, KnownAnswers.HASH));
    }
    assertEquals(VECTORS.decimal("target_2pow48"), KnownAnswers.TARGET_2POW48);
    assertEquals(VECTORS.decimal("smallest_nonce_2pow48"), KnownAnswers.SMALLEST_NONCE_2POW48);
    assertEquals(VECTORS.decimal("target_2pow44"), KnownAnswers.TARGET_2POW44);
    assertEquals(VECTORS.decimal("smallest_nonce_2pow44"), KnownAnswers.SMALLEST_NONCE_2POW44);
  }

  @Test
  void kernelSourcesComeFromTheClasspath() {
    String[] sources = KernelSources.load(KernelSources.POW_PROGRAM);
    assertEquals(2, sources.length);
    assertEquals(true, sources[0].contains("#define BITMSG_INC_SHA512_H"));
    assertEquals(true, sources[1].contains("__kernel void pow_search"));
  }

  @Test
  void aMissingSourceIsAClearError() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> KernelSources.read("/kernels/nope.cl"));
    assertEquals(true, String.valueOf(e.getMessage()).contains("/kernels/nope.cl"));
  }
}
