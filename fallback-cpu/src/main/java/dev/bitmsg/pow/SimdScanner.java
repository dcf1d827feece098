package dev.bitmsg.pow;

import java.util.Optional;

/**
 * A single-thread CPU scanner using the incubating Vector API: {@code L} consecutive nonces per
 * vector (8 with 512-bit vectors, 4 with 256-bit), tested in ascending order, so a slice reports
 * its smallest solving nonce like {@link DigestScanner}. Needs the {@code jdk.incubator.vector}
 * module at run time ({@code --add-modules jdk.incubator.vector}); check {@link #unavailableReason}
 * first. Not thread-safe: one instance per thread.
 */
public final class SimdScanner extends SequentialScanner {
  public static final String NAME = "cpu-simd";
  private static final String MODULE = "jdk.incubator.vector";

  private final SimdKernel kernel;
  private final int lanes;

  private SimdScanner(SimdKernel kernel) {
    // A low first guess: until the JIT has compiled the vector code it is ~100x slower.
    super(2e5);
    this.kernel = kernel;
    this.lanes = SimdKernel.L;
  }

  /**
   * Why this scanner cannot run in this JVM, or empty when it can. Loading the kernel class fails
   * with a {@link LinkageError} when the module is absent; that is caught here.
   */
  public static Optional<String> unavailableReason() {
    if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
      return Optional.of(
          "module " + MODULE + " is not enabled (run with --add-modules " + MODULE + ")");
    }
    try {
      int bits = SimdKernel.L * 64;
      if (bits < 128) {
        return Optional.of("no SIMD registers: preferred vector has " + bits + " bits");
      }
      return Optional.empty();
    } catch (LinkageError e) {
      return Optional.of("the Vector API could not be loaded: " + e);
    }
  }

  /**
   * Creates a scanner.
   *
   * @throws IllegalStateException when {@link #unavailableReason} is not empty
   */
  public static SimdScanner create() {
    Optional<String> why = unavailableReason();
    if (why.isPresent()) {
      throw new IllegalStateException(why.get());
    }
    return new SimdScanner(new SimdKernel());
  }

  /** Nonces per vector, e.g. 8 for 512-bit vectors. */
  public int lanes() {
    return lanes;
  }

  /** Bits of the vectors used. */
  public int vectorBits() {
    return lanes * 64;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  ScanOutcome scanOne(ScanSlice slice) {
    kernel.setJob(slice.initialHash(), slice.target());
    long count = slice.count();
    long base = slice.firstNonce();
    long done = 0;
    while (done < count) {
      int lane = kernel.run(base);
      long inVector = Math.min(lanes, count - done);
      if (lane < inVector) {
        return ScanOutcome.found(base + lane, kernel.trial(lane), done + lane + 1);
      }
      done += inVector;
      base += lanes;
    }
    return ScanOutcome.notFound(count);
  }

  /**
   * Computes the trial values of nonces {@code base, base + 1, ...} into {@code out} (for
   * differential tests against {@link TrialValue}).
   */
  public void trialValues(InitialHash hash, long base, long[] out) {
    kernel.setJob(hash, 1);
    for (int i = 0; i < out.length; i += lanes) {
      kernel.run(base + i);
      for (int j = 0; j < lanes && i + j < out.length; j++) {
        out[i + j] = kernel.trial(j);
      }
    }
  }
}
