package dev.bitmsg.pow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs a real JVM without {@code --add-modules jdk.incubator.vector}: the CPU engine must still
 * work, falling back to the {@code MessageDigest} kernel and saying why.
 */
class WithoutVectorModuleIT {
  /** The child JVM's entry point. */
  public static void main(String[] args) throws Exception {
    CpuKernelChoice c = CpuKernelChoice.get();
    System.out.println("kernel=" + c.kernel().label());
    System.out.println("reason=" + c.reason());
    InitialHash h = InitialHash.ofObjectWithoutNonce(new byte[] {9});
    try (SlicedPowEngine e = CpuPowEngine.create(1)) {
      PowSolution s = e.submit(new PowJob(h, 1L << 54, 0)).result().get(60, TimeUnit.SECONDS);
      System.out.println("solved=" + TrialValue.isSolution(s.nonce(), h, 1L << 54));
    }
  }

  @Test
  void cpuEngineFallsBackToDigest() throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    WithoutVectorModuleIT.class.getName()))
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "child JVM finished");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("kernel=digest"), out);
    assertTrue(out.contains("module jdk.incubator.vector is not enabled"), out);
    assertTrue(out.contains("solved=true"), out);
  }
}
