package dev.bitmsg.pow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels (every stream count) run at the width the CPU prefers (512 bits with
 * AVX-512), which is what {@link ScannerTest} checks in this JVM; this test runs the same checks in
 * a real child JVM capped at 256-bit vectors ({@code -XX:MaxVectorSize=32}), so both widths meet
 * the vectors and {@link TrialValue} on a machine that has the wider one.
 */
class SimdWidthsIT {
  /** The child JVM's entry point: the SIMD checks of {@link ScannerTest}, then "ok". */
  public static void main(String[] args) {
    try (SimdScanner s = SimdScanner.create(1)) {
      System.out.println("bits=" + s.vectorBits());
    }
    ScannerTest checks = new ScannerTest();
    checks.simdTrialValuesEqualTrialValueIncludingEdgesAndWrapAround();
    checks.simdFindsTheSmallestNonces();
    checks.batchOfSlicesIsIndexAligned();
    checks.nonceZeroIsAnAnswerLikeAnyOther();
    checks.everySimdVariantPassesTheSelfTest();
    System.out.println("ok");
  }

  @Test
  void the256BitKernelPassesTheVectorsToo() throws IOException, InterruptedException {
    assumeTrue(SimdScanner.unavailableReason().isEmpty(), "Vector API not enabled");
    int preferred;
    try (SimdScanner s = SimdScanner.create(1)) {
      preferred = s.vectorBits();
    }
    assumeTrue(preferred >= 256, "this CPU has no 256-bit vectors");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-XX:MaxVectorSize=32",
                    "--add-modules",
                    "jdk.incubator.vector",
                    "-Dbitmsg.vectors=" + System.getProperty("bitmsg.vectors"),
                    "-cp",
                    System.getProperty("java.class.path"),
                    SimdWidthsIT.class.getName()))
            .redirectErrorStream(true)
            .start();
    boolean finished = p.waitFor(300, TimeUnit.SECONDS);
    if (!finished) {
      p.destroyForcibly();
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(finished, "child JVM finished: " + out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("bits=256"), out);
    assertTrue(out.contains("ok"), out);
  }
}
