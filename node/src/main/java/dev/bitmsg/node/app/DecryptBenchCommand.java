package dev.bitmsg.node.app;

import dev.bitmsg.node.crypto.CryptoException;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.Ecies;
import dev.bitmsg.node.crypto.KeyPair;
import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.rpc.Json;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bm bench decrypt}: how fast the receiver trial-decrypts incoming msg objects against all
 * own identities. Every tenth object is for one of the identities, the rest for strangers (most of
 * the network's traffic). Measured path: the receiver's, {@code Ecies.open(blob)} once per object
 * then {@code tryDecrypt(keys)} over all keys (comb tables, MAC before AES). Baseline in the same
 * run: one full single-key ECIES decryption per identity per object, as a naive receiver would do.
 * Both must find the same matches.
 */
@Command(
    name = "decrypt",
    mixinStandardHelpOptions = true,
    description = "Trial decryption of msg objects against many identities, with a naive baseline.")
public final class DecryptBenchCommand implements Callable<Integer> {
  @Option(
      names = "--identities",
      paramLabel = "N",
      defaultValue = "100",
      description = "Own identities (default: ${DEFAULT-VALUE}).")
  int identities;

  @Option(
      names = "--objects",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Objects to trial-decrypt (default: ${DEFAULT-VALUE}).")
  int objects;

  @Option(
      names = "--baseline-objects",
      paramLabel = "N",
      defaultValue = "0",
      description = "Objects for the slow baseline (default: objects/10, at least 10).")
  int baselineObjects;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the plaintexts and recipients.")
  long seed;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(
      names = "--threads",
      paramLabel = "T",
      defaultValue = "0",
      description =
          "Threads, objects split between them like the receiver's pool (default: available processors).")
  int threads;

  @Spec CommandSpec spec;

  /** Wall and summed thread CPU seconds of a run, and the sum of what the work returned. */
  private record Timed(double wallSeconds, double cpuSeconds, int count) {}

  /** Runs {@code work} for indices 0..n-1 on {@code t} threads (index i on thread i mod t). */
  private static Timed timed(int t, int n, IntUnaryOperator work) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    AtomicLong cpu = new AtomicLong();
    AtomicInteger count = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int w = 0; w < t; w++) {
      int first = w;
      Thread th =
          new Thread(
              () -> {
                long c0 = mx.getCurrentThreadCpuTime();
                int local = 0;
                for (int i = first; i < n; i += t) {
                  local += work.applyAsInt(i);
                }
                count.addAndGet(local);
                cpu.addAndGet(mx.getCurrentThreadCpuTime() - c0);
              },
              "bench-decrypt-" + w);
      workers.add(th);
      th.start();
    }
    for (Thread th : workers) {
      try {
        th.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    return new Timed((System.nanoTime() - t0) / 1e9, cpu.get() / 1e9, count.get());
  }

  @Override
  public Integer call() {
    if (identities < 1 || objects < 1) {
      throw new ParameterException(
          spec.commandLine(), "--identities and --objects must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    CryptoSuite crypto = BcCryptoSuite.create();
    Ecies ecies = crypto.ecies();
    SplittableRandom random = new SplittableRandom(seed);
    List<KeyPair> own = new ArrayList<>();
    List<PrivateKey> keys = new ArrayList<>();
    for (int i = 0; i < identities; i++) {
      KeyPair k = crypto.keys().generate(crypto.random());
      own.add(k);
      keys.add(k.privateKey());
    }
    KeyPair stranger = crypto.keys().generate(crypto.random());
    List<byte[]> blobs = new ArrayList<>();
    int expectedMatches = 0;
    long m0 = System.nanoTime();
    for (int i = 0; i < objects; i++) {
      byte[] plain = new byte[300 + random.nextInt(200)];
      random.nextBytes(plain);
      boolean ours = i % 10 == 0;
      expectedMatches += ours ? 1 : 0;
      blobs.add(
          ecies.encrypt(
              ours ? own.get(random.nextInt(identities)).publicKey() : stranger.publicKey(),
              plain));
    }
    double makeSeconds = (System.nanoTime() - m0) / 1e9;

    // warm-up so that both paths run compiled code
    for (int i = 0; i < Math.min(20, objects); i++) {
      ecies.open(blobs.get(i)).tryDecrypt(keys);
    }
    int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    Timed fast =
        timed(t, objects, i -> ecies.open(blobs.get(i)).tryDecrypt(keys).isPresent() ? 1 : 0);
    int matches = fast.count();
    double fastSeconds = fast.wallSeconds();
    double fastCpu = fast.cpuSeconds();
    if (matches != expectedMatches) {
      throw new IllegalStateException(
          "trial decryption found " + matches + " of " + expectedMatches + " matches");
    }

    int base =
        baselineObjects > 0
            ? Math.min(baselineObjects, objects)
            : Math.min(objects, Math.max(10, objects / 10));
    int baseExpected = (base + 9) / 10;
    Timed slow =
        timed(
            t,
            base,
            i -> {
              int found = 0;
              for (PrivateKey k : keys) {
                try {
                  ecies.decrypt(k, blobs.get(i));
                  found++;
                } catch (CryptoException e) {
                  // not for this key
                }
              }
              return found;
            });
    double baseSeconds = slow.wallSeconds();
    double baseCpu = slow.cpuSeconds();
    if (slow.count() != baseExpected) {
      throw new IllegalStateException(
          "baseline found " + slow.count() + " of " + baseExpected + " matches");
    }
    double trialRate = (double) objects * identities / fastSeconds;
    double objectRate = objects / fastSeconds;
    double baseTrialRate = (double) base * identities / baseSeconds;
    // Per CPU-second of the worker threads: steadier than wall time on a shared, loaded machine.
    double trialCpuRate = (double) objects * identities / fastCpu;
    double baseTrialCpuRate = (double) base * identities / baseCpu;
    if (json) {
      Map<String, Object> fig = new LinkedHashMap<>();
      fig.put("identities", identities);
      fig.put("threads", t);
      fig.put("objects", objects);
      fig.put("trial_decryptions_per_s", round(trialRate));
      fig.put("objects_per_s", round(objectRate));
      fig.put("baseline_objects", base);
      fig.put("baseline_trial_decryptions_per_s", round(baseTrialRate));
      fig.put("baseline_objects_per_s", round(base / baseSeconds));
      fig.put("ratio", Math.round(trialRate / baseTrialRate * 100) / 100.0);
      fig.put("trial_decryptions_per_cpu_s", round(trialCpuRate));
      fig.put("baseline_trial_decryptions_per_cpu_s", round(baseTrialCpuRate));
      fig.put("ratio_cpu", Math.round(trialCpuRate / baseTrialCpuRate * 100) / 100.0);
      fig.put("matches", matches);
      fig.put("java", System.getProperty("java.version"));
      out.println(Json.write(fig));
    } else {
      out.printf(
          Locale.ROOT,
          "%d identities, %d objects (%d for us), made in %.2f s, %d threads, Java %s%n",
          identities,
          objects,
          matches,
          makeSeconds,
          t,
          System.getProperty("java.version"));
      out.printf(
          Locale.ROOT,
          "trial decryption (open once, all keys): %.0f trial_decryptions_per_s, %.1f objects_per_s%n",
          trialRate,
          objectRate);
      out.printf(
          Locale.ROOT,
          "baseline (full ECIES decrypt per identity, %d objects): %.0f trial_decryptions_per_s, %.2f objects_per_s%n",
          base,
          baseTrialRate,
          base / baseSeconds);
      out.printf(Locale.ROOT, "ratio: %.2fx%n", trialRate / baseTrialRate);
      out.printf(
          Locale.ROOT,
          "per CPU-second (summed over the threads): %.0f vs baseline %.0f trial_decryptions (ratio %.2fx)%n",
          trialCpuRate,
          baseTrialCpuRate,
          trialCpuRate / baseTrialCpuRate);
    }
    return 0;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
