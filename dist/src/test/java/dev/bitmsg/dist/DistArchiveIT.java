package dev.bitmsg.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive of {@code ./bm dist} unpacked into an empty directory runs both programs with a Java
 * runtime alone: no Maven on the PATH, no source tree, nothing built.
 */
class DistArchiveIT {
  private static final Duration START = Duration.ofMinutes(3);
  private static final Duration STOP = Duration.ofSeconds(60);

  @Test
  void archive_holdsLauncherJarsKernelsDeployFilesAndDocs(@TempDir Path dir) throws Exception {
    UnpackedDist dist = UnpackedDist.unpack(dir);
    Path home = dist.home();
    String version = System.getProperty("bitmsg.dist.version", "");
    assertEquals("bitmsg-" + version, home.getFileName().toString());
    assertTrue(Files.isExecutable(dist.bm()), "bm is executable");
    assertFalse(Files.exists(home.resolve("pom.xml")), "no source tree in the archive");
    for (String f :
        new String[] {
          "node/node-" + version + ".jar",
          "pow-service/pow-service-" + version + ".jar",
          "kernels/src/pow_double_sha512.cl",
          "deploy/bitmsg-node.service",
          "deploy/bitmsg.conf.example",
          "docs/architecture.md",
          "README.md"
        }) {
      assertTrue(Files.isRegularFile(home.resolve(f)), "archive has " + f);
    }
    try (var libs = Files.list(home.resolve("node/lib"))) {
      assertTrue(libs.anyMatch(p -> p.getFileName().toString().startsWith("pow-cpu-")));
    }
    try (var libs = Files.list(home.resolve("pow-service/lib"))) {
      assertTrue(libs.anyMatch(p -> p.getFileName().toString().startsWith("pow-kernels-")));
    }
    Tools.Result v = Tools.run(120, dist.bm(dir, "version"));
    assertEquals(0, v.code(), v.output());
    assertTrue(
        v.output().contains("bitmsg node " + version + "\ncommit "), "bm version:\n" + v.output());
    assertTrue(v.output().contains("\nJDK "), v.output());
  }

  @Test
  void node_startsFromTheArchive_answersItsApi_andStopsCleanly(@TempDir Path dir) throws Exception {
    UnpackedDist dist = UnpackedDist.unpack(dir);
    Path work = Files.createDirectories(dir.resolve("work"));
    ProcessBuilder pb =
        dist.bm(
            work,
            "node",
            "--data",
            work.resolve("data").toString(),
            "--listen",
            "127.0.0.1:0",
            "--no-bootstrap",
            "--api",
            "127.0.0.1:0");
    pb.environment().put("BM_API_PASSWORD", "dist-test-password");
    try (Launched node = Launched.start("node", pb)) {
      Matcher api = node.awaitLine(Pattern.compile("API: (http://127\\.0\\.0\\.1:\\d+/)"), START);
      node.awaitLine(Pattern.compile("listening: 127\\.0\\.0\\.1:\\d+"), START);
      String reply =
          XmlRpc.call(api.group(1), "bitmsg", "dist-test-password", "helloWorld", "a", "b");
      assertTrue(reply.contains("a-b"), "helloWorld answers a-b: " + reply);
      assertFalse(node.output().contains("bm: building"), "the archive never builds");
      Optional<Integer> code = node.stop(STOP);
      assertTrue(code.isPresent(), "node stopped on SIGTERM:\n" + node.output());
      node.awaitLine(Pattern.compile("node:? stopped"), Duration.ofSeconds(10));
      assertTrue(Files.isRegularFile(work.resolve("data/node.db")), "the database is in DATA");
    }
  }

  @Test
  void powService_startsFromTheArchive_servesAndStopsCleanly(@TempDir Path dir) throws Exception {
    UnpackedDist dist = UnpackedDist.unpack(dir);
    Path work = Files.createDirectories(dir.resolve("work"));
    ProcessBuilder pb = dist.bm(work, "pow-service", "--listen", "127.0.0.1:0", "--engines", "cpu");
    try (Launched service = Launched.start("pow-service", pb)) {
      service.awaitLine(
          Pattern.compile("serving bitmessage\\.pow\\.v1\\.ProofOfWork on 127\\.0\\.0\\.1:\\d+"),
          START);
      service.awaitLine(Pattern.compile("health SERVING"), START);
      assertFalse(service.output().contains("bm: building"), "the archive never builds");
      Optional<Integer> code = service.stop(STOP);
      assertTrue(code.isPresent(), "pow-service stopped on SIGTERM:\n" + service.output());
    }
  }
}
