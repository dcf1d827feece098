package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.CpuKernel;
import dev.bitmsg.pow.CpuKernelChoice;
import dev.bitmsg.pow.engines.EngineCatalog;
import dev.bitmsg.pow.engines.EngineOptions;
import dev.bitmsg.pow.engines.EngineProbe;
import java.util.List;

/** Shared by the commands that take {@code --engine} and {@code --threads}. Stateless. */
final class EngineSelection {
  private EngineSelection() {}

  /**
   * Probes {@code engine}; {@code cpuKernel} other than {@code auto} selects the CPU kernel (it
   * sets the {@link CpuKernelChoice#PROPERTY} system property of this process).
   */
  static List<EngineProbe> probe(String engine, int threads, String cpuKernel) {
    setCpuKernel(cpuKernel);
    return EngineCatalog.load().probe(engine, new EngineOptions(threads));
  }

  /**
   * Applies {@code --cpu-kernel}: any value but {@code auto} sets {@link CpuKernelChoice#PROPERTY}.
   *
   * @throws IllegalArgumentException for an unknown kernel name
   */
  static void setCpuKernel(String cpuKernel) {
    if (!cpuKernel.equalsIgnoreCase("auto")) {
      System.setProperty(CpuKernelChoice.PROPERTY, CpuKernel.parse(cpuKernel).label());
    }
  }

  static String problems(EngineProbe p) {
    return p.problems().isEmpty() ? "no usable device" : String.join("; ", p.problems());
  }
}
