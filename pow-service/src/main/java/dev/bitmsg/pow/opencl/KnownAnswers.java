package dev.bitmsg.pow.opencl;

import dev.bitmsg.pow.InitialHash;
import java.util.List;

/**
 * The known-answer vector every device must reproduce before it is used (the "GPU/CPU search kernel
 * test" block of the project's PoW vectors; a unit test checks these constants against the vector
 * file). Constants only.
 */
public final class KnownAnswers {
  public static final InitialHash HASH =
      InitialHash.fromHex(
          "2a356f15b9ff212a9d4a7928a36b93f763078e9dbceb9ba2a5f877f02364db7b"
              + "45df47d4c562ff705ca3898cdffe500a71071ce49473e4a3e981c8f176a9d158");

  /** Trial values of nonces 0, 1, 2 and 3 for {@link #HASH}. */
  public static final List<Long> TRIAL_VALUES_0_TO_3 =
      List.of(
          Long.parseUnsignedLong("17388090961956824300"),
          Long.parseUnsignedLong("5723746211166326123"),
          Long.parseUnsignedLong("18189770410410391275"),
          Long.parseUnsignedLong("10808998619298172551"));

  public static final long TARGET_2POW48 = 1L << 48;
  public static final long SMALLEST_NONCE_2POW48 = 9572;
  public static final long TARGET_2POW44 = 1L << 44;
  public static final long SMALLEST_NONCE_2POW44 = 271314;

  private KnownAnswers() {}
}
