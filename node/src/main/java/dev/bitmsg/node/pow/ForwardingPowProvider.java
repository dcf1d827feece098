package dev.bitmsg.node.pow;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowProgress;
import java.util.function.Consumer;

/**
 * A {@link PowProvider} that hands every call to another one: the base of wrappers that watch or
 * change the searches ({@link #solve}) and keep the description and closing of the provider they
 * wrap. Thread-safe when the delegate is.
 */
public abstract class ForwardingPowProvider implements PowProvider {
  private final PowProvider delegate;

  protected ForwardingPowProvider(PowProvider delegate) {
    this.delegate = delegate;
  }

  /** The provider this one hands its calls to. */
  protected final PowProvider delegate() {
    return delegate;
  }

  @Override
  public Result solve(InitialHash initialHash, long target, Consumer<PowProgress> progress)
      throws InterruptedException {
    return delegate.solve(initialHash, target, progress);
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
