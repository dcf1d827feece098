package dev.bitmsg.node.pow;

import dev.bitmsg.pow.CpuPowEngine;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowEngine;
import dev.bitmsg.pow.PowException;
import dev.bitmsg.pow.PowHandle;
import dev.bitmsg.pow.PowJob;
import dev.bitmsg.pow.PowProgress;
import dev.bitmsg.pow.PowSolution;
import dev.bitmsg.pow.TrialValue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A {@link PowProvider} over an in-process {@link PowEngine}, by default the embedded CPU engine.
 * The answer is re-verified before it is returned. Thread-safe.
 */
public final class EnginePowProvider implements PowProvider {
  private static final long PROGRESS_EVERY_MS = 250;
  private final PowEngine engine;

  public EnginePowProvider(PowEngine engine) {
    this.engine = engine;
  }

  /** The embedded CPU engine with {@code threads} threads. */
  public static EnginePowProvider cpu(int threads) {
    return new EnginePowProvider(CpuPowEngine.create(threads));
  }

  @Override
  public Result solve(InitialHash initialHash, long target, Consumer<PowProgress> progress)
      throws InterruptedException {
    return run(PowJob.randomStart(initialHash, target), progress);
  }

  /**
   * The same search starting at {@code startNonce}: a search another provider began and handed back
   * continues where it stopped instead of at a random nonce.
   */
  public Result solveFrom(
      InitialHash initialHash, long target, long startNonce, Consumer<PowProgress> progress)
      throws InterruptedException {
    return run(new PowJob(initialHash, target, startNonce), progress);
  }

  private Result run(PowJob job, Consumer<PowProgress> progress) throws InterruptedException {
    InitialHash initialHash = job.initialHash();
    long target = job.target();
    PowHandle handle = engine.submit(job);
    try {
      while (true) {
        try {
          PowSolution s = handle.result().get(PROGRESS_EVERY_MS, TimeUnit.MILLISECONDS);
          if (!TrialValue.meets(TrialValue.of(s.nonce(), initialHash), target)) {
            throw new PowException(
                "engine " + engine.name() + " returned a nonce that does not meet the target");
          }
          return new Result(s.nonce(), engine.name());
        } catch (TimeoutException e) {
          progress.accept(handle.progress());
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof PowException pe) {
            throw pe;
          }
          throw new PowException("engine " + engine.name() + " failed: " + c, c);
        }
      }
    } finally {
      handle.cancel();
    }
  }

  @Override
  public String describe() {
    return engine.name();
  }

  @Override
  public void close() {
    engine.close();
  }
}
