package dev.bitmsg.node.app;

import dev.bitmsg.node.crypto.CryptoException;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.Ecies;
import dev.bitmsg.node.crypto.KeyPair;
import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.node.crypto.TrialMatch;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import java.io.PrintWriter;

/**
 * {@code bm bench decrypt}: how fast the receiver trial-decrypts incoming msg objects against
 * all own identities. Every tenth object is for one of the identities, the rest for strangers
 * (most of the network's traffic). Measured path: the receiver's, {@code Ecies.open(blob)} once
 * per object then {@code tryDecrypt(keys)} over all keys (comb tables, MAC before AES). Baseline
 * in the same run: one full single-key ECIES decryption per identity per object, as a naive
 * receiver would do. Both must find the same matches.
 */
@Command(name = "decrypt", mixinStandardHelpOptions = true,
    description = "Trial decryption of msg objects against many identities, with a naive baseline.")
public final class DecryptBenchCommand implements Callable<Integer> {
  @Option(names = "--identities", paramLabel = "N", defaultValue = "100",
      description = "Own identities (default: ${DEFAULT-VALUE}).")
  int identities;

  @Option(names = "--objects", paramLabel = "N", defaultValue = "1000",
      description = "Objects to trial-decrypt (default: ${DEFAULT-VALUE}).")
  int objects;

  @Option(names = "--baseline-objects", paramLabel = "N", defaultValue = "0",
      description = "Objects for the slow baseline (default: objects/10, at least 10).")
  int baselineObjects;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the plaintexts and recipients.")
  long seed;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (identities < 1 || objects < 1) {
      throw new ParameterException(spec.commandLine(), "--identities and --objects must be at least 1");
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
      blobs.add(ecies.encrypt(ours ? own.get(random.nextInt(identities)).publicKey() : stranger.publicKey(), plain));
    }
    double makeSeconds = (System.nanoTime() - m0) / 1e9;

    // warm-up so that both paths run compiled code
    for (int i = 0; i < Math.min(20, objects); i++) {
      ecies.open(blobs.get(i)).tryDecrypt(keys);
    }
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long c0 = mx.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    int matches = 0;
    for (byte[] blob : blobs) {
      Optional<TrialMatch> m = ecies.open(blob).tryDecrypt(keys);
      matches += m.isPresent() ? 1 : 0;
    }
    double fastSeconds = (System.nanoTime() - t0) / 1e9;
    double fastCpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
    if (matches != expectedMatches) {
      throw new IllegalStateException("trial decryption found " + matches + " of " + expectedMatches + " matches");
    }

    int base = baselineObjects > 0 ? Math.min(baselineObjects, objects) : Math.min(objects, Math.max(10, objects / 10));
    int baseMatches = 0;
    int baseExpected = 0;
    long bc0 = mx.getCurrentThreadCpuTime();
    long b0 = System.nanoTime();
    for (int i = 0; i < base; i++) {
      baseExpected += i % 10 == 0 ? 1 : 0;
      for (PrivateKey k : keys) {
        try {
          ecies.decrypt(k, blobs.get(i));
          baseMatches++;
        } catch (CryptoException e) {
          // not for this key
        }
      }
    }
    double baseSeconds = (System.nanoTime() - b0) / 1e9;
    double baseCpu = (mx.getCurrentThreadCpuTime() - bc0) / 1e9;
    if (baseMatches != baseExpected) {
      throw new IllegalStateException("baseline found " + baseMatches + " of " + baseExpected + " matches");
    }
    double trialRate = (double) objects * identities / fastSeconds;
    double objectRate = objects / fastSeconds;
    double baseTrialRate = (double) base * identities / baseSeconds;
    // Per CPU-second of the measuring thread: steadier than wall time on a shared, loaded machine.
    double trialCpuRate = (double) objects * identities / fastCpu;
    double baseTrialCpuRate = (double) base * identities / baseCpu;
    if (json) {
      Map<String, Object> fig = new LinkedHashMap<>();
      fig.put("identities", identities);
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
      out.printf(Locale.ROOT, "%d identities, %d objects (%d for us), made in %.2f s, 1 thread, Java %s%n",
          identities, objects, matches, makeSeconds, System.getProperty("java.version"));
      out.printf(Locale.ROOT, "trial decryption (open once, all keys): %.0f trial_decryptions_per_s, %.1f objects_per_s%n",
          trialRate, objectRate);
      out.printf(Locale.ROOT, "baseline (full ECIES decrypt per identity, %d objects): %.0f trial_decryptions_per_s, %.2f objects_per_s%n",
          base, baseTrialRate, base / baseSeconds);
      out.printf(Locale.ROOT, "ratio: %.2fx%n", trialRate / baseTrialRate);
      out.printf(Locale.ROOT, "per CPU-second of the thread: %.0f vs baseline %.0f trial_decryptions (ratio %.2fx)%n",
          trialCpuRate, baseTrialCpuRate, trialCpuRate / baseTrialCpuRate);
    }
    return 0;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
