package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowEngine;
import dev.bitmsg.pow.PowHandle;
import dev.bitmsg.pow.PowJob;
import dev.bitmsg.pow.PowSolution;
import dev.bitmsg.pow.client.ClientSettings;
import dev.bitmsg.pow.engines.EngineCatalog;
import dev.bitmsg.pow.engines.EngineProbe;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bm pow solve}: searches a nonce for an initial hash and target on one engine. */
@Command(
    name = "solve",
    mixinStandardHelpOptions = true,
    description = {
      "Searches a nonce whose trial value is at most the target.",
      "Prints the nonce and its trial value; a progress bar goes to stderr on a terminal.",
      "Exit 0 when solved, 1 when the search failed, 2 for bad input or no such engine."
    })
public final class SolveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--initial-hash",
      required = true,
      paramLabel = "HEX128",
      description = "SHA-512 of the object without its nonce (128 hex digits)")
  String initialHash;

  @Option(
      names = "--target",
      required = true,
      paramLabel = "N",
      converter = UnsignedLongConverter.class,
      description = "the target (unsigned, decimal or 0x hex)")
  long target;

  @Option(
      names = "--engine",
      paramLabel = "NAME",
      defaultValue = "cpu",
      description = "cpu, opencl or aparapi (default ${DEFAULT-VALUE})")
  String engine;

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

  @Option(
      names = "--start-nonce",
      paramLabel = "N",
      converter = UnsignedLongConverter.class,
      description = "first nonce to try (default: random)")
  Long startNonce;

  @Option(names = "--json", description = "print one JSON line instead of text")
  boolean json;

  @Mixin ServiceClientOptions service = new ServiceClientOptions();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PowJob job;
    try {
      InitialHash hash = InitialHash.fromHex(initialHash.strip());
      job =
          startNonce == null
              ? PowJob.randomStart(hash, target)
              : new PowJob(hash, target, startNonce);
    } catch (IllegalArgumentException e) {
      err.println("bm pow solve: " + e.getMessage());
      return 2;
    }
    if (service.given()) {
      ClientSettings settings;
      try {
        settings = service.settings();
      } catch (IllegalArgumentException e) {
        err.println("bm pow solve: " + e.getMessage());
        return 2;
      }
      return new RemoteSolve(out, err, json).run(settings, job);
    }
    if (threads < 0 || engine.equalsIgnoreCase(EngineCatalog.ALL)) {
      err.println("bm pow solve: --engine must name one engine and --threads be >= 0");
      return 2;
    }
    EngineProbe probe;
    try {
      probe = EngineSelection.probe(engine, threads, cpuKernel).get(0);
    } catch (IllegalArgumentException e) {
      err.println("bm pow solve: " + e.getMessage());
      return 2;
    }
    if (!probe.available()) {
      err.println(
          "bm pow solve: engine "
              + probe.engine()
              + " is not available: "
              + EngineSelection.problems(probe));
      return 2;
    }
    try (PowEngine pe = EngineCatalog.engine(probe)) {
      PowHandle handle = pe.submit(job);
      PowSolution s =
          await(
              handle,
              Terminal.attached() ? new SearchProgressBar(err, job.expectedTrials()) : null);
      double seconds = s.elapsed().toNanos() / 1e9;
      if (json) {
        out.println(
            "{\"nonce\": "
                + Long.toUnsignedString(s.nonce())
                + ", \"trial_value\": "
                + Long.toUnsignedString(s.trialValue())
                + ", \"engine\": "
                + JsonLine.quote(s.engine())
                + ", \"trials\": "
                + s.trials()
                + ", \"seconds\": "
                + JsonLine.number(seconds)
                + "}");
      } else {
        out.println("nonce: " + Long.toUnsignedString(s.nonce()));
        out.println("trial value: " + Long.toUnsignedString(s.trialValue()));
        out.println("engine: " + s.engine());
        out.println("trials: " + s.trials());
        out.printf(Locale.ROOT, "seconds: %.3f%n", seconds);
      }
      return 0;
    } catch (ExecutionException e) {
      err.println(
          "bm pow solve: the search failed: "
              + Objects.requireNonNullElse(e.getCause(), e).getMessage());
      return 1;
    }
  }

  private static PowSolution await(PowHandle handle, @Nullable SearchProgressBar bar)
      throws InterruptedException, ExecutionException {
    try {
      while (true) {
        try {
          return handle.result().get(250, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          if (bar != null) {
            bar.draw(handle);
          }
        }
      }
    } finally {
      if (bar != null) {
        bar.clear();
      }
    }
  }
}
