package dev.bitmsg.node.pow;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowException;
import dev.bitmsg.pow.PowProgress;
import dev.bitmsg.pow.client.ServiceUnavailableException;
import io.grpc.StatusRuntimeException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote PoW service first; the embedded engine when the service cannot be used (no usable
 * replica, circuit open, refused, failed). A search the service handed back continues on the CPU at
 * the nonce where the service stopped ({@link ServiceUnavailableException#resumeNonce}), not from
 * the start. The result names who did the work and why the service did not: {@code cpu (fallback:
 * remote HOST:PORT UNAVAILABLE ...)}. Thread-safe.
 */
public final class FallbackPowProvider implements PowProvider {
  private static final Logger log = LoggerFactory.getLogger(FallbackPowProvider.class);
  private final PowProvider remote;
  private final EnginePowProvider local;

  public FallbackPowProvider(PowProvider remote, EnginePowProvider local) {
    this.remote = remote;
    this.local = local;
  }

  @Override
  public Result solve(InitialHash initialHash, long target, Consumer<PowProgress> progress)
      throws InterruptedException {
    String why;
    Result r;
    try {
      return remote.solve(initialHash, target, progress);
    } catch (StatusRuntimeException e) {
      why =
          e.getStatus().getCode()
              + (e.getStatus().getDescription() == null
                  ? ""
                  : " " + e.getStatus().getDescription());
      log.warn(
          "pow provider not usable, falling back provider={} cause={} fallback={}",
          remote.describe(),
          why,
          local.describe());
      r = local.solve(initialHash, target, progress);
    } catch (ServiceUnavailableException e) {
      why = e.getMessage();
      log.warn(
          "pow provider not usable, continuing on the cpu provider={} cause={} fallback={}"
              + " resumeFrom={} searchedTrials={}",
          remote.describe(),
          why,
          local.describe(),
          Long.toUnsignedString(e.resumeNonce()),
          e.trialsSearched());
      long before = e.trialsSearched();
      r =
          local.solveFrom(
              initialHash,
              target,
              e.resumeNonce(),
              p -> progress.accept(new PowProgress(before + p.trials(), p.trialsPerSecond())));
    } catch (PowException e) {
      why = e.getMessage();
      log.warn(
          "pow provider not usable, falling back provider={} cause={} fallback={}",
          remote.describe(),
          why,
          local.describe());
      r = local.solve(initialHash, target, progress);
    }
    return new Result(r.nonce(), r.by() + " (fallback: " + remote.describe() + " " + why + ")");
  }

  @Override
  public String describe() {
    return remote.describe() + ", fallback " + local.describe();
  }

  @Override
  public void close() {
    remote.close();
    local.close();
  }
}
