package dev.bitmsg.pow.aparapi;

import static dev.bitmsg.pow.service.testing.CpuReference.firstGoodOffset;
import static dev.bitmsg.pow.service.testing.CpuReference.randomHash;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.device.OpenCLDevice;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.ScanOutcome;
import dev.bitmsg.pow.ScanSlice;
import dev.bitmsg.pow.opencl.JoclSettings;
import dev.bitmsg.pow.service.testing.ChildJvm;
import dev.bitmsg.pow.service.testing.OpenClTestSupport;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aparapi's OpenCL buffers wrap the addresses of the kernel's Java arrays. Launches must stay
 * correct while the collector moves those arrays: a child JVM with a tiny young generation runs
 * launches on a fresh scanner (its arrays still young, so every young collection moves them) while
 * another thread churns the heap, and checks every answer on the CPU. With explicit put/get
 * transfers this failed within a few hundred launches (stale reads: offsets outside their job).
 */
class AparapiHeapChurnIT {
  private static final int ROUNDS = 8;
  private static final int LAUNCHES_PER_ROUND = 100;

  @Test
  void launchesStayCorrectWhileTheCollectorMovesTheArrays(@TempDir Path work) throws Exception {
    if (AparapiEngineProvider.devices().isEmpty()) {
      OpenClTestSupport.unavailable("Aparapi sees no OpenCL device");
    }
    String text =
        ChildJvm.run(
            work,
            List.of(
                "-Xmx64m",
                "-Xmn4m",
                "-XX:+UseG1GC",
                "-XX:InitialTenuringThreshold=15",
                "-XX:MaxTenuringThreshold=15",
                "--add-modules",
                "jdk.incubator.vector"),
            Map.of(),
            Child.class);
    assertTrue(text.contains("churn ok launches=" + ROUNDS * LAUNCHES_PER_ROUND), text);
    long collections = Long.parseLong(text.replaceAll("(?s).*collections=(\\d+).*", "$1"));
    assertTrue(collections >= 50, "the heap must have been collected often: " + text);
  }

  /** The child: one scanner, a heap-churning thread, every answer checked on the CPU. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      OpenCLDevice device = AparapiEngineProvider.devices().get(0);
      SplittableRandom random = new SplittableRandom(67);
      long collections = 0;
      // A new scanner each round: its arrays are young until about 15 collections tenure them.
      for (int round = 0; round < ROUNDS; round++) {
        AparapiScanner scanner = AparapiScanner.open(device, "churn", JoclSettings.defaults());
        scanner.scan(List.of(new ScanSlice(randomHash(random), 1, 0, 64))); // built before churning
        AtomicBoolean stop = new AtomicBoolean();
        Thread churn = new Thread(() -> churn(stop), "heap-churn");
        long before = collections();
        churn.start();
        try {
          for (int i = 0; i < LAUNCHES_PER_ROUND; i++) {
            check(scanner, random, round, i);
          }
        } finally {
          stop.set(true);
          churn.join(10_000);
          scanner.close();
        }
        collections += collections() - before;
      }
      System.out.println(
          "churn ok launches=" + ROUNDS * LAUNCHES_PER_ROUND + " collections=" + collections);
      System.exit(0);
    }

    private static void churn(AtomicBoolean stop) {
      byte[][] ring = new byte[64][];
      for (int i = 0; !stop.get(); i++) {
        ring[i & 63] = new byte[16 << 10];
      }
    }

    private static void check(AparapiScanner scanner, SplittableRandom random, int round, int i) {
      InitialHash hash = randomHash(random);
      long target = 1L << 56; // about one nonce in 256 hits
      long first = random.nextLong();
      ScanOutcome got = scanner.scan(List.of(new ScanSlice(hash, target, first, 2048))).get(0);
      OptionalLong want = firstGoodOffset(hash, target, first, 2048);
      long expected = want.isPresent() ? first + want.getAsLong() : -1;
      long actual = got.found() ? got.nonce() : -1;
      if (expected != actual) {
        System.out.println(
            "round " + round + " launch " + i + ": expected " + expected + " got " + actual);
        System.exit(1);
      }
    }

    private static long collections() {
      long n = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        n += Math.max(0, gc.getCollectionCount());
      }
      return n;
    }
  }
}
