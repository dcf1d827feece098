package dev.bitmsg.pow.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.PowJob;
import dev.bitmsg.pow.PowSolution;
import dev.bitmsg.pow.SlicedPowEngine;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.aparapi.AparapiEngineProvider;
import dev.bitmsg.pow.engines.EngineOptions;
import dev.bitmsg.pow.engines.EngineProbe;
import dev.bitmsg.pow.service.testing.ChildJvm;
import dev.bitmsg.pow.service.testing.OpenClTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probes in a child JVM whose OpenCL environment differs from this one: no platform at all (the ICD
 * loader pointed at an empty vendor directory with {@code OCL_ICD_VENDORS}), and two PoCL devices
 * ({@code POCL_DEVICES}) to check that every device is used and named apart.
 */
class ChildJvmProbeIT {
  @Test
  void withoutAnyPlatformBothProbesAreUnavailableWithAReason(@TempDir Path work) throws Exception {
    assumeTrue(
        System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"),
        "OCL_ICD_VENDORS is how the Linux ICD loaders find platforms");
    Path emptyVendors = Files.createDirectory(work.resolve("vendors"));
    String text = runChild(work, Map.of("OCL_ICD_VENDORS", emptyVendors.toString()), "probe");
    assertTrue(
        text.contains("opencl available=false scanners=[] problems=[no OpenCL platform"), text);
    assertTrue(
        text.contains("aparapi available=false scanners=[] problems=[Aparapi found no"), text);
  }

  @Test
  void everyDeviceIsUsedAndTheyShareAJob(@TempDir Path work) throws Exception {
    List<ClDevice> here = OpenClTestSupport.devices();
    assumeTrue(
        here.stream().anyMatch(d -> d.platformName().contains("Portable Computing")),
        "needs PoCL, whose POCL_DEVICES variable can create a second device");
    String text = runChild(work, Map.of("POCL_DEVICES", "pthread pthread"), "solve");
    String name =
        "opencl:"
            + here.stream()
                .filter(d -> d.platformName().contains("Portable Computing"))
                .findFirst()
                .get()
                .label();
    assertTrue(
        text.contains("opencl available=true scanners=[" + name + ", " + name + "#2]"), text);
    assertTrue(text.contains("solved valid=true"), text);
  }

  private static String runChild(Path work, Map<String, String> env, String mode) throws Exception {
    return ChildJvm.run(work, List.of(), env, Child.class, mode);
  }

  /** The child: probes the JOCL family (and Aparapi) and prints one line each. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      EngineProbe jocl = new JoclEngineProvider().probe(EngineOptions.defaults());
      print(jocl);
      if (args[0].equals("probe")) {
        print(new AparapiEngineProvider().probe(EngineOptions.defaults()));
        return;
      }
      try (SlicedPowEngine engine = new SlicedPowEngine("opencl", jocl.scanners())) {
        PowJob job = new PowJob(KnownAnswers.HASH, 1L << 50, 0);
        PowSolution s = engine.submit(job).result().get(60, TimeUnit.SECONDS);
        System.out.println(
            "solved valid=" + TrialValue.isSolution(s.nonce(), job.initialHash(), job.target()));
      }
    }

    private static void print(EngineProbe probe) {
      System.out.println(
          probe.engine()
              + " available="
              + probe.available()
              + " scanners="
              + probe.scanners().stream().map(NonceScanner::name).toList()
              + " problems="
              + probe.problems());
    }
  }
}
