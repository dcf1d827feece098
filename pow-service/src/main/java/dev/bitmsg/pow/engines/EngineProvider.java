package dev.bitmsg.pow.engines;

/**
 * A family of PoW hardware back-ends (CPU, OpenCL through JOCL, OpenCL through Aparapi), discovered
 * with {@link java.util.ServiceLoader} so the command line and the service pick engines by name
 * without compile-time links to every back-end.
 */
public interface EngineProvider {
  /** The name users type: {@code cpu}, {@code opencl}, {@code aparapi}. */
  String name();

  /**
   * Finds and self-tests every device of this family. Never throws for a missing runtime or driver:
   * the probe reports it as a problem instead.
   */
  EngineProbe probe(EngineOptions options);
}
