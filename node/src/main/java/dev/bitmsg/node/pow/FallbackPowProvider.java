package dev.bitmsg.node.pow;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowException;
import dev.bitmsg.pow.PowProgress;
import io.grpc.StatusRuntimeException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote PoW service first; the embedded engine when the service cannot be used (unreachable,
 * refused, failed). The result names who did the work. Thread-safe.
 */
public final class FallbackPowProvider implements PowProvider {
  private static final Logger log = LoggerFactory.getLogger(FallbackPowProvider.class);
  private final PowProvider remote;
  private final PowProvider local;

  public FallbackPowProvider(PowProvider remote, PowProvider local) {
    this.remote = remote;
    this.local = local;
  }

  @Override
  public Result solve(InitialHash initialHash, long target, Consumer<PowProgress> progress)
      throws InterruptedException {
    String why;
    try {
      return remote.solve(initialHash, target, progress);
    } catch (StatusRuntimeException e) {
      why =
          e.getStatus().getCode()
              + (e.getStatus().getDescription() == null
                  ? ""
                  : " " + e.getStatus().getDescription());
    } catch (PowException e) {
      why = e.getMessage();
    }
    log.warn(
        "pow provider not usable, falling back provider={} cause={} fallback={}",
        remote.describe(),
        why,
        local.describe());
    Result r = local.solve(initialHash, target, progress);
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
