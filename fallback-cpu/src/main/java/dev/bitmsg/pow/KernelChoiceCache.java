package dev.bitmsg.pow;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The CPU kernel measured on this machine, remembered in a small properties file so that later
 * processes skip the measurement (seconds of JIT warm-up). The file name carries a hash of the
 * {@link #key} (CPU model, JDK, vector width, vector-related JVM flags and the kernel set), so
 * several JDKs or machines sharing one home directory keep separate entries. A missing, corrupt or
 * stale file is never an error: {@link #load} returns empty and the caller measures again; a file
 * that cannot be written is logged and forgotten. Directory: system property {@code
 * bitmsg.cache.dir}, else {@code $XDG_CACHE_HOME/bitmsg}, else {@code ~/.cache/bitmsg}. Stateless
 * apart from the file; safe to use from several threads and processes (writes are atomic renames).
 */
final class KernelChoiceCache {
  static final String DIR_PROPERTY = "bitmsg.cache.dir";

  /** Bumped when the kernels change in a way that invalidates earlier measurements. */
  static final int KERNEL_SET = 4;

  private final Path dir;
  private final String key;

  KernelChoiceCache(Path dir, String key) {
    this.dir = dir;
    this.key = key;
  }

  /** The cache of this machine and JVM in the default directory. */
  static KernelChoiceCache forThisJvm() {
    return new KernelChoiceCache(defaultDir(), key());
  }

  static Path defaultDir() {
    String configured = System.getProperty(DIR_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "bitmsg");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "bitmsg");
  }

  /** What a measurement depends on, as one line. */
  static String key() {
    List<String> flags = new ArrayList<>();
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      String a = arg.toLowerCase(Locale.ROOT);
      if (a.startsWith("-xx:")
          && (a.contains("avx") || a.contains("vector") || a.contains("sse"))) {
        flags.add(arg);
      }
    }
    return String.join(
        " | ",
        "cpu=" + CpuModel.name(),
        "cores=" + Runtime.getRuntime().availableProcessors(),
        "jdk=" + System.getProperty("java.vm.name") + " " + Runtime.version(),
        "vector_bits=" + SimdScanner.preferredVectorBits(),
        "flags=" + String.join(" ", flags),
        "kernels=" + KERNEL_SET);
  }

  Path file() {
    return dir.resolve("cpu-kernel-" + shortHash(key) + ".properties");
  }

  String keyLine() {
    return key;
  }

  /** The remembered choice, or empty when there is none for this key (or it cannot be used). */
  Optional<CpuKernelChoice> load() {
    Path f = file();
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      log().log(System.Logger.Level.INFO, "cpu kernel cache unreadable file={0} error={1}", f, e);
      return Optional.empty();
    }
    if (!key.equals(p.getProperty("key"))) {
      return Optional.empty(); // a hash collision or an older format: measure again
    }
    try {
      CpuKernel kernel = CpuKernel.parse(p.getProperty("kernel", ""));
      Map<CpuKernel, Double> rates = new EnumMap<>(CpuKernel.class);
      for (CpuKernel k : CpuKernel.values()) {
        String v = p.getProperty("rate." + k.label());
        if (v != null) {
          double rate = Double.parseDouble(v);
          if (!(rate > 0) || Double.isInfinite(rate)) {
            return Optional.empty();
          }
          rates.put(k, rate);
        }
      }
      if (!rates.containsKey(kernel) || kernel.unavailableReason().isPresent()) {
        return Optional.empty();
      }
      return Optional.of(
          new CpuKernelChoice(
              kernel,
              rates,
              "cached " + f + " (" + p.getProperty("measured", "?") + ")",
              CpuKernelChoice.Source.CACHED));
    } catch (IllegalArgumentException e) {
      log().log(System.Logger.Level.INFO, "cpu kernel cache invalid file={0} error={1}", f, e);
      return Optional.empty();
    }
  }

  /** Remembers {@code choice}; failures are logged, never thrown. */
  void save(CpuKernelChoice choice) {
    Properties p = new Properties();
    p.setProperty("key", key);
    p.setProperty("kernel", choice.kernel().label());
    p.setProperty("measured", choice.reason());
    choice.rates().forEach((k, v) -> p.setProperty("rate." + k.label(), Double.toString(v)));
    Path f = file();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "cpu-kernel-", ".tmp");
      try {
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
          p.store(w, "bitmsg: CPU PoW kernel measured on this machine; delete to measure again");
        }
        try {
          Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException | RuntimeException e) {
      log()
          .log(
              System.Logger.Level.WARNING, "cpu kernel cache not written file={0} error={1}", f, e);
    }
  }

  /** Drops the remembered choice (the next {@link #load} is empty); failures are logged. */
  void forget() {
    try {
      Files.deleteIfExists(file());
    } catch (IOException e) {
      log()
          .log(
              System.Logger.Level.WARNING,
              "cpu kernel cache not deleted file={0} error={1}",
              file(),
              e);
    }
  }

  private static String shortHash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /**
   * Looked up when used, not at class initialisation: the warm-up thread passes through this class
   * first thing, and setting up the logging back-end (~0.1 s) should not delay it.
   */
  private static System.Logger log() {
    return System.getLogger(KernelChoiceCache.class.getName());
  }
}
