package dev.bitmsg.pow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-machine cache of the measured CPU kernel: round trip, and every way it can be bad. */
class KernelChoiceCacheTest {
  @TempDir Path dir;

  private static final CpuKernelChoice DIGEST_CHOICE =
      new CpuKernelChoice(
          CpuKernel.DIGEST,
          Map.of(CpuKernel.DIGEST, 2.5e6),
          "measured in a test",
          CpuKernelChoice.Source.MEASURED);

  @Test
  void savedChoiceLoadsBackAsCached() throws IOException {
    KernelChoiceCache cache = new KernelChoiceCache(dir, "key one");
    assertEquals(Optional.empty(), cache.load());
    cache.save(DIGEST_CHOICE);
    CpuKernelChoice c = cache.load().orElseThrow();
    assertEquals(CpuKernel.DIGEST, c.kernel());
    assertEquals(2.5e6, c.rate(CpuKernel.DIGEST));
    assertEquals(CpuKernelChoice.Source.CACHED, c.source());
    assertTrue(c.reason().contains("measured in a test"), c.reason());
    assertEquals(List.of(cache.file()), files());
  }

  @Test
  void aForgottenChoiceIsMeasuredAgain() {
    KernelChoiceCache cache = new KernelChoiceCache(dir, "key");
    cache.save(DIGEST_CHOICE);
    cache.forget();
    assertEquals(Optional.empty(), cache.load());
    cache.forget(); // nothing there: no error
  }

  @Test
  void anotherMachineOrJdkHasItsOwnEntry() {
    new KernelChoiceCache(dir, "key one").save(DIGEST_CHOICE);
    KernelChoiceCache other = new KernelChoiceCache(dir, "key two");
    assertNotEquals(other.file(), new KernelChoiceCache(dir, "key one").file());
    assertEquals(Optional.empty(), other.load());
  }

  @Test
  void corruptOrForeignFilesAreIgnored() throws IOException {
    KernelChoiceCache cache = new KernelChoiceCache(dir, "key");
    for (String text :
        List.of(
            "",
            "\u0000\u0001garbage\\u12",
            "key=key\nkernel=digest\n", // no rate for the kernel
            "key=key\nkernel=quantum\nrate.digest=1\n",
            "key=key\nkernel=digest\nrate.digest=-3\n",
            "key=key\nkernel=digest\nrate.digest=NaN\n",
            "key=key\nkernel=digest\nrate.digest=fast\n",
            "key=other key\nkernel=digest\nrate.digest=1e6\n")) {
      Files.writeString(cache.file(), text, StandardCharsets.ISO_8859_1);
      assertEquals(Optional.empty(), cache.load(), text);
    }
    Files.writeString(cache.file(), "key=key\nkernel=digest\nrate.digest=1e6\n");
    assertEquals(CpuKernel.DIGEST, cache.load().orElseThrow().kernel());
  }

  @Test
  void aChoiceOfAnUnavailableKernelIsIgnored() {
    if (SimdScanner.unavailableReason().isEmpty()) {
      return; // only meaningful where the Vector API is missing; WithoutVectorModuleTest covers it
    }
    KernelChoiceCache cache = new KernelChoiceCache(dir, "key");
    cache.save(
        new CpuKernelChoice(
            CpuKernel.SIMD2,
            Map.of(CpuKernel.SIMD2, 9e6),
            "elsewhere",
            CpuKernelChoice.Source.MEASURED));
    assertEquals(Optional.empty(), cache.load());
  }

  @Test
  void anUnwritableDirectoryIsNotAnError() throws IOException {
    Path blocker = dir.resolve("file-not-dir");
    Files.writeString(blocker, "x");
    KernelChoiceCache cache = new KernelChoiceCache(blocker.resolve("sub"), "key");
    cache.save(DIGEST_CHOICE); // logged, not thrown
    assertEquals(Optional.empty(), cache.load());
  }

  @Test
  void loadOrMeasureMeasuresOnceThenReadsTheFile() {
    KernelChoiceCache cache = new KernelChoiceCache(dir, KernelChoiceCache.key());
    CpuKernelChoice first = CpuKernelChoice.loadOrMeasure(cache);
    assertEquals(CpuKernelChoice.Source.MEASURED, first.source());
    if (first.rates().isEmpty()) {
      assertEquals(Optional.empty(), cache.load()); // nothing measured, nothing cached
      return;
    }
    CpuKernelChoice second = CpuKernelChoice.loadOrMeasure(cache);
    assertEquals(CpuKernelChoice.Source.CACHED, second.source());
    assertEquals(first.kernel(), second.kernel());
    assertEquals(first.rates(), second.rates());
  }

  @Test
  void keyNamesTheCpuTheJdkAndTheVectorWidth() {
    String key = KernelChoiceCache.key();
    assertTrue(key.contains("cpu="), key);
    assertTrue(key.contains("jdk=") && key.contains(Runtime.version().toString()), key);
    assertTrue(key.contains("vector_bits=" + SimdScanner.preferredVectorBits()), key);
    assertTrue(key.contains("kernels=" + KernelChoiceCache.KERNEL_SET), key);
  }

  @Test
  void cpuModelReadsTheFirstProcessor() {
    String m =
        CpuModel.fromCpuinfo(
            List.of(
                "processor\t: 0",
                "vendor_id\t: AuthenticAMD",
                "cpu family\t: 26",
                "model\t\t: 2",
                "model name\t: AMD EPYC",
                "flags\t\t: fpu sse sse2 avx avx2 avx512f bmi2",
                "",
                "processor\t: 1",
                "model name\t: Something Else"));
    assertEquals(
        "vendor_id=AuthenticAMD, cpu family=26, model=2, model name=AMD EPYC,"
            + " flags=sse sse2 avx avx2 avx512f",
        m);
  }

  private List<Path> files() throws IOException {
    try (var s = Files.list(dir)) {
      return s.toList();
    }
  }
}
