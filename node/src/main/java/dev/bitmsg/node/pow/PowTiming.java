package dev.bitmsg.node.pow;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowProgress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Times every proof of work the node does: wraps the node's {@link PowProvider} and tells its
 * listeners how long each search took, who did it and whether it succeeded. Thread-safe.
 */
public final class PowTiming {
  /** One finished search. Immutable. */
  public record Solve(String by, Duration took, boolean ok) {}

  private final List<Consumer<Solve>> listeners = new CopyOnWriteArrayList<>();

  public void addListener(Consumer<Solve> listener) {
    listeners.add(listener);
  }

  /** {@code provider} with every solve timed. */
  public PowProvider wrap(PowProvider provider) {
    return new ForwardingPowProvider(provider) {
      @Override
      public Result solve(InitialHash initialHash, long target, Consumer<PowProgress> progress)
          throws InterruptedException {
        long start = System.nanoTime();
        boolean ok = false;
        String by = provider.describe();
        try {
          Result r = provider.solve(initialHash, target, progress);
          ok = true;
          by = r.by();
          return r;
        } finally {
          Solve s = new Solve(by, Duration.ofNanos(System.nanoTime() - start), ok);
          for (Consumer<Solve> l : listeners) {
            l.accept(s);
          }
        }
      }
    };
  }
}
