package dev.bitmsg.node.crypto.bc;

import dev.bitmsg.node.crypto.EciesEnvelope;
import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.node.crypto.SeededRandomSource;
import java.util.ArrayList;
import java.util.List;

/**
 * A quick manual measurement of trial decryptions per second on one thread (not a test; run its
 * main). Args: identities objects. Compares the generic multiply per key with the comb path.
 */
public final class TrialDecryptLoop {
  private TrialDecryptLoop() {}

  public static void main(String[] args) {
    int identities = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int objects = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    BcKeyFactory keys = new BcKeyFactory();
    BcEcies ecies = new BcEcies(new SeededRandomSource(1));
    SeededRandomSource rnd = new SeededRandomSource(2);
    List<PrivateKey> ring = new ArrayList<>();
    for (int i = 0; i < identities; i++) {
      ring.add(keys.generate(rnd).privateKey());
    }
    var stranger = keys.generate(rnd);
    List<byte[]> blobs = new ArrayList<>();
    for (int i = 0; i < objects; i++) {
      blobs.add(ecies.encrypt(stranger.publicKey(), rnd.bytes(400)));
    }
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      long tries = 0;
      for (byte[] b : blobs) {
        EciesEnvelope env = ecies.open(b);
        for (PrivateKey k : ring) {
          if (env.tryDecrypt(k).isPresent()) {
            throw new AssertionError();
          }
          tries++;
        }
      }
      double single = tries / ((System.nanoTime() - t0) / 1e9);
      t0 = System.nanoTime();
      tries = 0;
      for (byte[] b : blobs) {
        if (ecies.open(b).tryDecrypt(ring).isPresent()) {
          throw new AssertionError();
        }
        tries += ring.size();
      }
      double batch = tries / ((System.nanoTime() - t0) / 1e9);
      System.out.printf(
          "round %d: %d identities x %d objects (400-byte plaintext): per-key multiply %.0f/s, batch comb %.0f/s (ratio %.2f)%n",
          round, identities, objects, single, batch, batch / single);
    }
  }
}
