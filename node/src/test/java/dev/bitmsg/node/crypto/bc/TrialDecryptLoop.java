package dev.bitmsg.node.crypto.bc;

import dev.bitmsg.node.crypto.EciesEnvelope;
import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.node.crypto.SeededRandomSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A quick manual measurement of trial decryptions per second (not a test; run its main with args:
 * identities objects threads). Every blob is for a stranger, so every try is a miss, the common
 * case. Baseline in the same run: one generic multiplication per key. Prints per-thread CPU-time
 * rates (less sensitive to other load) and the wall-clock rate of all threads.
 */
public final class TrialDecryptLoop {
  private TrialDecryptLoop() {}

  public static void main(String[] args) throws Exception {
    int identities = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int objects = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
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
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (int round = 0; round < 3; round++) {
      long cpu = mx.getCurrentThreadCpuTime();
      long tries = 0;
      for (byte[] b : blobs.subList(0, Math.max(1, objects / 4))) {
        EciesEnvelope env = ecies.open(b);
        for (PrivateKey k : ring) {
          if (env.tryDecrypt(k).isPresent()) {
            throw new AssertionError();
          }
          tries++;
        }
      }
      double baseline = tries / ((mx.getCurrentThreadCpuTime() - cpu) / 1e9);
      long wall = System.nanoTime();
      List<Future<double[]>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int from = t * objects / threads;
        int to = (t + 1) * objects / threads;
        parts.add(
            pool.submit(
                () -> {
                  long c0 = mx.getCurrentThreadCpuTime();
                  long n = 0;
                  for (byte[] b : blobs.subList(from, to)) {
                    if (ecies.open(b).tryDecrypt(ring).isPresent()) {
                      throw new AssertionError();
                    }
                    n += ring.size();
                  }
                  return new double[] {n, (mx.getCurrentThreadCpuTime() - c0) / 1e9};
                }));
      }
      double total = 0;
      double cpuSeconds = 0;
      for (Future<double[]> f : parts) {
        double[] r = f.get();
        total += r[0];
        cpuSeconds += r[1];
      }
      double wallRate = total / ((System.nanoTime() - wall) / 1e9);
      double cpuRate = total / cpuSeconds;
      System.out.printf(
          Locale.ROOT,
          "round %d: %d identities x %d objects, %d threads: batch %.0f tries/s per CPU-second"
              + " (baseline per-key generic %.0f, ratio %.2f); wall-clock all threads %.0f tries/s%n",
          round,
          identities,
          objects,
          threads,
          cpuRate,
          baseline,
          cpuRate / baseline,
          wallRate);
    }
    pool.shutdown();
  }
}
