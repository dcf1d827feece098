package dev.bitmsg.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The archive of {@code ./bm dist} unpacked into an empty directory, and the environment that runs
 * it as an operator's machine would: a PATH with no Maven on it and nothing of the source tree.
 * Immutable once made.
 */
final class UnpackedDist {
  private final Path home;
  private final Path pathDir;

  private UnpackedDist(Path home, Path pathDir) {
    this.home = home;
    this.pathDir = pathDir;
  }

  /** The archive the build made ({@code bitmsg.dist.archive}, set by the dist module's pom). */
  static Path archive() {
    Path p = Path.of(property("bitmsg.dist.archive"));
    assertTrue(Files.isRegularFile(p), "no archive at " + p + ": run the reactor's package phase");
    return p;
  }

  /** The source tree's root (deploy files and docs are read from there). */
  static Path sourceRoot() {
    return Path.of(property("bitmsg.source.root"));
  }

  private static String property(String name) {
    String v = System.getProperty(name);
    if (v == null) {
      throw new AssertionError("system property " + name + " is not set (run through Maven)");
    }
    return v;
  }

  /** Unpacks the archive under {@code dir} (which must be empty) with the system's tar. */
  static UnpackedDist unpack(Path dir) throws IOException, InterruptedException {
    Path archive = archive();
    Process tar =
        new ProcessBuilder("tar", "xzf", archive.toString(), "-C", dir.toString())
            .redirectErrorStream(true)
            .start();
    String out =
        new String(tar.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(tar.waitFor(120, TimeUnit.SECONDS), "tar did not finish");
    assertEquals(0, tar.exitValue(), "tar failed: " + out);
    List<Path> top;
    try (Stream<Path> s = Files.list(dir)) {
      top = s.toList();
    }
    assertEquals(1, top.size(), "the archive has one top directory, got " + top);
    Path bin = Files.createDirectories(dir.resolve("path-without-maven"));
    linkPathWithoutMaven(bin);
    return new UnpackedDist(top.get(0), bin);
  }

  /**
   * Links every program on this machine's PATH into {@code bin}, except Maven's, so the launcher
   * sees the usual tools but cannot build.
   */
  private static void linkPathWithoutMaven(Path bin) throws IOException {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String d : path.split(File.pathSeparator, -1)) {
      Path dir = Path.of(d.isEmpty() ? "." : d);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> s = Files.list(dir)) {
        for (Path p : s.toList()) {
          String name = p.getFileName().toString();
          if (name.toLowerCase(Locale.ROOT).startsWith("mvn")
              || Files.exists(bin.resolve(name), LinkOption.NOFOLLOW_LINKS)
              || !Files.isExecutable(p)
              || Files.isDirectory(p)) {
            continue;
          }
          Files.createSymbolicLink(bin.resolve(name), p.toAbsolutePath());
        }
      }
    }
  }

  Path home() {
    return home;
  }

  Path bm() {
    return home.resolve("bm");
  }

  /**
   * A command line {@code bm ARGS...} run from the unpacked archive with a PATH without Maven, the
   * test's Java runtime, and no Maven or config variables from the caller.
   */
  ProcessBuilder bm(Path workDir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(bm().toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    Map<String, String> env = pb.environment();
    for (String k : new ArrayList<>(env.keySet())) {
      if (k.startsWith("BM_") || k.startsWith("MAVEN") || k.equals("M2_HOME")) {
        env.remove(k);
      }
    }
    env.putAll(javaOnly());
    return pb;
  }

  private Map<String, String> javaOnly() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", pathDir.toString());
    env.put("BM_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    env.put("BM_LOG_LEVEL", "INFO");
    return env;
  }
}
