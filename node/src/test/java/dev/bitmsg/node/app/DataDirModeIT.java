package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.EasedNodeMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bm node} in a child JVM started under {@code umask 022} (through {@code sh -c}): its data
 * directory is 0700 and its database files ({@code node.db}, {@code api.db} with their {@code -wal}
 * and {@code -shm}, and {@code api.conf}) 0600, and it warns that private keys are not sealed,
 * naming {@code --key-passphrase-file}. Restarted on a directory and files made wider meanwhile, it
 * narrows them again; with a key passphrase the warning is gone.
 */
class DataDirModeIT {
  private static final Duration LIMIT = Duration.ofMinutes(2);
  private static final String PRIVATE_DIR = "rwx------";
  private static final String PRIVATE_FILE = "rw-------";

  @TempDir Path tmp;

  @Test
  void underUmask022_dataIsOwnerOnly_andWiderModesAreNarrowed() throws Exception {
    Path data = tmp.resolve("home").resolve("node");
    Path log1 = tmp.resolve("n1.log");
    Process first = start(data, log1);
    try {
      awaitServing(first, log1);
      assertOwnerOnly(data);
      String out = Files.readString(log1);
      assertTrue(
          out.contains("private keys not sealed at rest") && out.contains("--key-passphrase-file"),
          "warns and names the option:\n" + out);
    } finally {
      stop(first);
    }

    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String f : List.of("node.db", "api.db", "api.conf")) {
      Files.setPosixFilePermissions(data.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
    }
    Path passphrase = tmp.resolve("passphrase");
    Files.writeString(passphrase, "umask test\n", StandardCharsets.UTF_8);
    Path log2 = tmp.resolve("n2.log");
    Process second = start(data, log2, "--key-passphrase-file", passphrase.toString());
    try {
      awaitServing(second, log2);
      assertOwnerOnly(data);
      String out = Files.readString(log2);
      assertFalse(out.contains("private keys not sealed"), "sealed keys, no warning:\n" + out);
    } finally {
      stop(second);
    }
  }

  private static void assertOwnerOnly(Path data) throws IOException {
    assertEquals(PRIVATE_DIR, mode(data), "data directory");
    assertEquals(
        PRIVATE_DIR, mode(Objects.requireNonNull(data.getParent())), "a parent it created");
    // -wal and -shm exist while the databases are open (WAL mode).
    for (String f :
        List.of(
            "node.db",
            "node.db-wal",
            "node.db-shm",
            "api.db",
            "api.db-wal",
            "api.db-shm",
            "api.conf")) {
      assertTrue(Files.exists(data.resolve(f)), f + " exists");
      assertEquals(PRIVATE_FILE, mode(data.resolve(f)), f);
    }
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /** The node under {@code umask 022}: {@code sh -c 'umask 022; exec "$0" "$@"' java ...}. */
  private static Process start(Path data, Path log, String... extra) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "sh",
                "-c",
                "umask 022; exec \"$0\" \"$@\"",
                java,
                "--add-modules",
                "jdk.incubator.vector",
                "-cp",
                System.getProperty("java.class.path"),
                EasedNodeMain.class.getName(),
                "node",
                "--data",
                data.toString(),
                "--client-only",
                "--no-bootstrap",
                "--api",
                "127.0.0.1:0"));
    cmd.addAll(List.of(extra));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static void awaitServing(Process p, Path log) {
    Await.until(
        LIMIT,
        () -> "node serving its API, output:\n" + read(log),
        () -> {
          if (!p.isAlive()) {
            throw new AssertionError("node exited " + p.exitValue() + ":\n" + read(log));
          }
          return read(log).contains("API: http://");
        });
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy(); // SIGTERM: clean shutdown
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
