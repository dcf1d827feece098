package dev.bitmsg.node.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.pow.PowProvider;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowProgress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Who did the proof of work of some nodes: every finished search of the watched nodes (pubkeys,
 * getpubkeys, msgs with their acks, broadcasts) as the node reports it, checked against the jobs
 * the PoW service counted since this record began.
 */
public final class ServiceSolves {
  private final PowServiceProcess service;
  private final long doneBefore;
  private final List<String> by = new CopyOnWriteArrayList<>();

  public ServiceSolves(PowServiceProcess service) {
    this.service = service;
    this.doneBefore = service.jobsDone();
  }

  /**
   * {@code provider} with its successful searches recorded: a node's PoW wrapper ({@code
   * NodeSetup.withPowWrapper(solves::wrap)}).
   */
  public PowProvider wrap(PowProvider provider) {
    return new PowProvider() {
      @Override
      public Result solve(InitialHash initialHash, long target, Consumer<PowProgress> progress)
          throws InterruptedException {
        Result r = provider.solve(initialHash, target, progress);
        by.add(r.by());
        return r;
      }

      @Override
      public String describe() {
        return provider.describe();
      }

      @Override
      public void close() {
        provider.close();
      }
    };
  }

  public List<String> solves() {
    return List.copyOf(by);
  }

  /**
   * Asserts at least {@code min} searches were made, every one by the service (no fallback), and
   * the service finished at least as many jobs; returns the count.
   */
  public int assertAllByService(int min) {
    List<String> seen = solves();
    assertTrue(seen.size() >= min, "at least " + min + " searches: " + seen);
    for (String b : seen) {
      assertTrue(b.startsWith(service.remoteName() + " (cpu"), "PoW by the service: " + b);
      assertFalse(b.contains("fallback"), b);
    }
    // The service counts a job when it ends, about when the node gets the answer.
    Await.until(
        Duration.ofSeconds(10),
        () ->
            "service jobs done "
                + (service.jobsDone() - doneBefore)
                + " >= node searches "
                + seen.size(),
        () -> service.jobsDone() - doneBefore >= seen.size());
    return seen.size();
  }
}
