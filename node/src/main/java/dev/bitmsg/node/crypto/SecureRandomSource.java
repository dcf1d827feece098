package dev.bitmsg.node.crypto;

import java.security.SecureRandom;

/** {@link RandomSource} backed by the platform's {@link SecureRandom}. Thread-safe. */
public final class SecureRandomSource implements RandomSource {
  private final SecureRandom random;

  public SecureRandomSource() {
    this(new SecureRandom());
  }

  public SecureRandomSource(SecureRandom random) {
    this.random = random;
  }

  @Override
  public void nextBytes(byte[] out) {
    random.nextBytes(out);
  }
}
