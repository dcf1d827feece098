package dev.bitmsg.pow;

import java.util.Optional;

/**
 * A single-thread CPU scanner using the incubating Vector API: {@code streams x L} consecutive
 * nonces per kernel call ({@code L} = 8 with 512-bit vectors, 4 with 256-bit), tested in ascending
 * order, so a slice reports its smallest solving nonce like {@link DigestScanner}. Needs the {@code
 * jdk.incubator.vector} module at run time ({@code --add-modules jdk.incubator.vector}); check
 * {@link #unavailableReason} first. Not thread-safe: one instance per thread.
 */
public final class SimdScanner extends SequentialScanner {
  /** Name prefix; the scanner's name adds the stream count, e.g. {@code cpu-simd2}. */
  public static final String NAME = "cpu-simd";

  /** The stream counts there are kernels for. */
  public static final int MAX_STREAMS = 3;

  private static final String MODULE = "jdk.incubator.vector";

  private static final InitialHash PRIME_HASH = InitialHash.ofObjectWithoutNonce(new byte[] {0});

  private final SimdKernel kernel;
  private final int lanes;
  private final int streams;

  private SimdScanner(SimdKernel kernel, int streams) {
    // A low first guess: until the JIT has compiled the vector code it is ~100x slower.
    super(2e5);
    this.kernel = kernel;
    this.lanes = kernel.lanes();
    this.streams = streams;
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
   * Bits of the vectors the kernels use here, or 0 when {@link #unavailableReason} says why not.
   */
  public static int preferredVectorBits() {
    return unavailableReason().isPresent() ? 0 : SimdKernel.L * 64;
  }

  /**
   * Creates a scanner with {@code streams} (1..{@link #MAX_STREAMS}) interleaved streams of
   * vectors.
   *
   * @throws IllegalStateException when {@link #unavailableReason} is not empty
   */
  public static SimdScanner create(int streams) {
    if (streams < 1 || streams > MAX_STREAMS) {
      throw new IllegalArgumentException("streams must be 1.." + MAX_STREAMS + ", got " + streams);
    }
    Optional<String> why = unavailableReason();
    if (why.isPresent()) {
      throw new IllegalStateException(why.get());
    }
    return new SimdScanner(SimdKernel.create(streams), streams);
  }

  /** Nonces per kernel call, e.g. 16 for two streams of 512-bit vectors. */
  public int lanes() {
    return lanes;
  }

  /** Interleaved streams of vectors per kernel call. */
  public int streams() {
    return streams;
  }

  /** Bits of the vectors used. */
  public int vectorBits() {
    return SimdKernel.L * 64;
  }

  @Override
  public String name() {
    return NAME + streams;
  }

  /**
   * Gets the JIT compiling the kernel with a few cheap calls ({@link SimdKernel#prime}); a warm-up
   * calls this before it runs the scanner. Leaves no job set.
   */
  public void prime() {
    kernel.setJob(PRIME_HASH, 1);
    kernel.prime();
  }

  @Override
  ScanOutcome scanOne(ScanSlice slice) {
    kernel.setJob(slice.initialHash(), slice.target());
    long count = slice.count();
    long base = slice.firstNonce();
    long done = 0;
    while (done < count) {
      int lane = kernel.run(base);
      long inCall = Math.min(lanes, count - done);
      if (lane < inCall) {
        return ScanOutcome.found(base + lane, kernel.trial(lane), done + lane + 1);
      }
      done += inCall;
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
