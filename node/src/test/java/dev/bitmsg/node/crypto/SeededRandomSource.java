package dev.bitmsg.node.crypto;

import java.util.Random;

/** A reproducible, NOT secure {@link RandomSource} for tests. */
public final class SeededRandomSource implements RandomSource {
  private final Random random;

  public SeededRandomSource(long seed) {
    random = new Random(seed);
  }

  @Override
  public void nextBytes(byte[] out) {
    random.nextBytes(out);
  }
}
