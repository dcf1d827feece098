package dev.bitmsg.pow.service.scheduler;

/** How the {@link Scheduler} sizes the passes it hands each engine. Immutable. */
public enum PassSizing {
  /**
   * About 40 ms at the engine's measured rate (within 1/16x..4x of the scanner's own figure), so
   * passes stay short when the machine is busier than the scanner assumed.
   */
  ADAPTIVE,
  /** Always the scanner's {@code trialsPerPass()}: exact, repeatable pass sizes (tests). */
  FIXED
}
