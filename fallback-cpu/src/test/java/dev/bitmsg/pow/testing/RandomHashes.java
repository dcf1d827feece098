package dev.bitmsg.pow.testing;

import dev.bitmsg.pow.InitialHash;
import java.util.Random;

/** Random initial hashes for tests, drawn from a seeded {@link Random} so runs repeat. */
public final class RandomHashes {
  private RandomHashes() {}

  public static InitialHash next(Random rnd) {
    byte[] b = new byte[InitialHash.LENGTH];
    rnd.nextBytes(b);
    return InitialHash.of(b);
  }
}
