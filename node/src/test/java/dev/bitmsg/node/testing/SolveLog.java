package dev.bitmsg.node.testing;

import dev.bitmsg.node.pow.ForwardingPowProvider;
import dev.bitmsg.node.pow.PowProvider;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowProgress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Who did every proof of work of the nodes it wraps ({@code NodeSetup.withPowWrapper(log::wrap)}):
 * the provider's description of each finished search, in order. Thread-safe.
 */
public final class SolveLog {
  private final List<String> by = new CopyOnWriteArrayList<>();

  public PowProvider wrap(PowProvider provider) {
    return new ForwardingPowProvider(provider) {
      @Override
      public Result solve(InitialHash initialHash, long target, Consumer<PowProgress> progress)
          throws InterruptedException {
        Result r = provider.solve(initialHash, target, progress);
        by.add(r.by());
        return r;
      }
    };
  }

  /** Every search so far. */
  public List<String> all() {
    return List.copyOf(by);
  }

  /** The searches from index {@code from} on. */
  public List<String> since(int from) {
    List<String> a = all();
    return a.subList(Math.min(from, a.size()), a.size());
  }

  public int size() {
    return by.size();
  }
}
