package dev.bitmsg.node.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.pow.PowProvider;
import java.time.Duration;
import java.util.List;

/**
 * Who did the proof of work of some nodes: every finished search of the watched nodes (pubkeys,
 * getpubkeys, msgs with their acks, broadcasts) as the node reports it, checked against the jobs
 * the PoW service counted since this record began.
 */
public final class ServiceSolves {
  private final PowServiceProcess service;
  private final long doneBefore;
  private final SolveLog log = new SolveLog();

  public ServiceSolves(PowServiceProcess service) {
    this.service = service;
    this.doneBefore = service.jobsDone();
  }

  /**
   * {@code provider} with its successful searches recorded: a node's PoW wrapper ({@code
   * NodeSetup.withPowWrapper(solves::wrap)}).
   */
  public PowProvider wrap(PowProvider provider) {
    return log.wrap(provider);
  }

  public List<String> solves() {
    return log.all();
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
