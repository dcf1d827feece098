package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowEngine;
import dev.bitmsg.pow.PowJob;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.PowSolution;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.engines.EngineCatalog;
import dev.bitmsg.pow.engines.EngineProbe;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bm demo}: real proof of work at network difficulty for a getpubkey object (the worked
 * example of the PoW test vectors) on every available engine, each answer re-verified on the CPU.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Solves a getpubkey object's PoW at network difficulty on each available "
          + "engine and re-verifies every answer on the CPU."
    })
public final class PowDemoCommand implements Callable<Integer> {
  /** The getpubkey (v4) object without its nonce: expires 1700003600, TTL 3600 s. */
  static final String GETPUBKEY_WITHOUT_NONCE =
      "000000006553ff100000000004013835718d5edb53946cc42683a80a3b5a2c5771b9fecf80f4c74cb5174b25fedf";

  private static final long TTL = 3600;
  private static final long SECONDS_PER_ENGINE = 120;

  private final PowRules rules;

  @Spec CommandSpec spec;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "0",
      description = "CPU threads for the cpu engine (default: all cores)")
  int threads;

  @Option(
      names = "--cpu-kernel",
      paramLabel = "K",
      defaultValue = "auto",
      description =
          "CPU kernel: digest, simd1, simd2, simd3 (simd = simd2) or auto (measured once per"
              + " machine and cached; default)")
  String cpuKernel;

  /** {@code rules} give the target the demo object's PoW must meet. */
  public PowDemoCommand(PowRules rules) {
    this.rules = rules;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    byte[] body = HexFormat.of().parseHex(GETPUBKEY_WITHOUT_NONCE);
    InitialHash hash = InitialHash.ofObjectWithoutNonce(body);
    long objectLength = body.length + 8L;
    long target = rules.target(objectLength, TTL);
    out.printf(
        Locale.ROOT,
        "getpubkey object: %d bytes with nonce, TTL %d s, network difficulty%n",
        objectLength,
        TTL);
    out.println("initial hash: " + hash.toHex());
    out.printf(
        Locale.ROOT,
        "target: %s (about %.2g trials expected)%n",
        Long.toUnsignedString(target),
        new PowJob(hash, target, 0).expectedTrials());
    boolean allGood = true;
    int solved = 0;
    for (EngineProbe p : EngineSelection.probe(EngineCatalog.ALL, threads, cpuKernel)) {
      if (!p.available()) {
        out.printf(Locale.ROOT, "%-8s unavailable: %s%n", p.engine(), EngineSelection.problems(p));
        continue;
      }
      try (PowEngine engine = EngineCatalog.engine(p)) {
        PowSolution s =
            engine
                .submit(PowJob.randomStart(hash, target))
                .result()
                .get(SECONDS_PER_ENGINE, TimeUnit.SECONDS);
        boolean ok = TrialValue.isSolution(s.nonce(), hash, target);
        allGood &= ok;
        solved++;
        out.printf(
            Locale.ROOT,
            "%-8s nonce %s  trial %s  trials %d  %.3f s  (%s)  CPU re-verification: %s%n",
            p.engine(),
            Long.toUnsignedString(s.nonce()),
            Long.toUnsignedString(s.trialValue()),
            s.trials(),
            s.elapsed().toNanos() / 1e9,
            s.engine(),
            ok ? "OK" : "WRONG");
      } catch (ExecutionException | TimeoutException e) {
        allGood = false;
        out.printf(Locale.ROOT, "%-8s failed: %s%n", p.engine(), e);
      }
    }
    out.println(solved > 0 && allGood ? "demo: OK" : "demo: FAILED");
    return solved > 0 && allGood ? 0 : 1;
  }
}
