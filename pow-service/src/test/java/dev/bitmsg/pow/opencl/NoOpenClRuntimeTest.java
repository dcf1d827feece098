package dev.bitmsg.pow.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bitmsg.pow.aparapi.AparapiEngineProvider;
import dev.bitmsg.pow.engines.EngineOptions;
import dev.bitmsg.pow.engines.EngineProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without any OpenCL platform both providers report "unavailable" with a reason instead of
 * throwing. Runs a child JVM whose ICD loader is pointed at an empty vendor directory
 * ({@code OCL_ICD_VENDORS}), so no platform is found; the child prints what the probes said.
 */
class NoOpenClRuntimeTest {
  @Test
  void probesAreUnavailableWithAReason(@TempDir Path work) throws Exception {
    assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"),
        "OCL_ICD_VENDORS is how the Linux ICD loaders find platforms");
    Path emptyVendors = Files.createDirectory(work.resolve("vendors"));
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        Child.class.getName());
    pb.environment().put("OCL_ICD_VENDORS", emptyVendors.toString());
    pb.redirectErrorStream(true);
    Path out = work.resolve("probe.txt");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
    String text = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), text);
    assertTrue(text.contains("opencl available=false problems=[no OpenCL platform"), text);
    assertTrue(text.contains("aparapi available=false problems=[Aparapi found no OpenCL"), text);
  }

  /** The child: probes both families and prints one line each. */
  public static final class Child {
    public static void main(String[] args) throws IOException {
      for (EngineProbe probe : List.of(
          new JoclEngineProvider().probe(EngineOptions.defaults()),
          new AparapiEngineProvider().probe(EngineOptions.defaults()))) {
        System.out.println(probe.engine() + " available=" + probe.available() + " problems="
            + probe.problems());
      }
    }
  }
}
