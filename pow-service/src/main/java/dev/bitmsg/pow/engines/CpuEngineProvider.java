package dev.bitmsg.pow.engines;

import dev.bitmsg.pow.CpuKernelChoice;
import dev.bitmsg.pow.CpuPowEngine;
import dev.bitmsg.pow.ScannerSelfTest;
import dev.bitmsg.pow.ThreadedScanner;
import java.util.List;
import java.util.Optional;

/**
 * The {@code cpu} engine family: one multi-threaded scanner over all (or {@code cpuThreads}) cores
 * with the CPU kernel {@link CpuKernelChoice} measured (or cached) as the fastest here, which
 * {@link CpuPowEngine#scanner(int)} warms up in the background while the threads work with {@code
 * digest}. Always available. Stateless and thread-safe.
 */
public final class CpuEngineProvider implements EngineProvider {
  public static final String NAME = "cpu";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EngineProbe probe(EngineOptions options) {
    // Usable at once: digest until the measured (or cached) kernel is warm and self-tested.
    ThreadedScanner scanner = CpuPowEngine.scanner(options.effectiveCpuThreads());
    Optional<String> problem = ScannerSelfTest.check(scanner);
    if (problem.isPresent()) {
      scanner.close();
      return EngineProbe.unavailable(NAME, problem.get());
    }
    return new EngineProbe(NAME, List.of(scanner), List.of());
  }
}
