package dev.bitmsg.node.store;

/**
 * Whether the node's database can take new writes: what the metrics report while the disk is full.
 * Implementations are thread-safe.
 */
public interface StorageHealth {
  /** True from a write refused for lack of space until a later write succeeds. */
  boolean full();

  /** Writes refused for lack of space since start. */
  long fullErrors();
}
