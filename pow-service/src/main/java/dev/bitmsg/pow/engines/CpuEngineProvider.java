package dev.bitmsg.pow.engines;

import dev.bitmsg.pow.CpuKernel;
import dev.bitmsg.pow.CpuKernelChoice;
import dev.bitmsg.pow.CpuPowEngine;
import dev.bitmsg.pow.ScannerSelfTest;
import dev.bitmsg.pow.ThreadedScanner;
import java.util.List;
import java.util.Optional;

/**
 * The {@code cpu} engine family: one multi-threaded scanner over all (or {@code cpuThreads}) cores
 * with the CPU kernel {@link CpuKernelChoice} measured to be faster here. Always available.
 * Stateless and thread-safe.
 */
public final class CpuEngineProvider implements EngineProvider {
  public static final String NAME = "cpu";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EngineProbe probe(EngineOptions options) {
    CpuKernel kernel = CpuKernelChoice.get().kernel();
    ThreadedScanner scanner = CpuPowEngine.scanner(options.effectiveCpuThreads(), kernel);
    Optional<String> problem = ScannerSelfTest.check(scanner);
    if (problem.isPresent()) {
      scanner.close();
      return EngineProbe.unavailable(NAME, problem.get());
    }
    return new EngineProbe(NAME, List.of(scanner), List.of());
  }
}
