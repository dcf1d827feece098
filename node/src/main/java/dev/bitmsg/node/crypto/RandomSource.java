package dev.bitmsg.node.crypto;

/**
 * Where keys, IVs and nonces come from. Production code passes a {@link SecureRandomSource}; tests
 * may pass a seeded source to get reproducible runs.
 */
public interface RandomSource {
  void nextBytes(byte[] out);

  default byte[] bytes(int count) {
    byte[] out = new byte[count];
    nextBytes(out);
    return out;
  }
}
