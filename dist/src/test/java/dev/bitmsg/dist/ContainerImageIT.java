package dev.bitmsg.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container images built by Jib (docker archives in {@code dist/target}) load into podman, run
 * as the non-root user and turn healthy through their own HEALTHCHECK: the node's API answers, the
 * PoW service's gRPC health is SERVING. Containers run without a network, so nothing is dialled.
 */
class ContainerImageIT {
  private static final String VERSION = System.getProperty("bitmsg.dist.version", "");
  private static final String NODE = "localhost/bitmsg-node:" + VERSION;
  private static final String POW = "localhost/bitmsg-pow-service:" + VERSION;
  private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(4);

  @TempDir static Path root;

  @SuppressWarnings("NullAway.Init") // set by @BeforeAll
  static Podman podman;

  @BeforeAll
  static void load() throws Exception {
    podman = new Podman(Tools.require("podman", "podman runc"), root);
    Tools.require("runc", "runc");
    Path target = UnpackedDist.archive().resolveSibling(".");
    for (String image : new String[] {"bitmsg-node-image.tar", "bitmsg-pow-service-image.tar"}) {
      Path tar = target.resolve(image);
      assertTrue(Files.isRegularFile(tar), "no image archive " + tar + " (built by package)");
      podman.ok(300, "load", "-i", tar.toString());
    }
  }

  @AfterAll
  static void cleanUp() throws Exception {
    if (podman != null) {
      podman.run(120, "rm", "-f", "-a");
      podman.run(120, "rmi", "-f", "-a");
    }
  }

  @Test
  void images_runAsTheNonRootUser_withAHealthCheck() throws Exception {
    for (String image : new String[] {NODE, POW}) {
      String user =
          podman.ok(60, "image", "inspect", "--format", "{{.Config.User}}", image).strip();
      assertEquals("10001:10001", user, image + " runs as uid 10001");
      String health =
          podman.ok(60, "image", "inspect", "--format", "{{json .HealthCheck}}", image).strip();
      assertTrue(health.contains("health"), image + " has a HEALTHCHECK: " + health);
    }
  }

  @Test
  void nodeImage_turnsHealthy() throws Exception {
    podman.start(
        "bitmsg-node-it",
        NODE,
        "node",
        "--data",
        "/data",
        "--listen",
        "127.0.0.1:8444",
        "--no-bootstrap",
        "--api",
        "127.0.0.1:8442");
    awaitHealthy("bitmsg-node-it");
    stop("bitmsg-node-it");
  }

  @Test
  void powServiceImage_turnsHealthy_andItsCheckFailsOnADeadAddress() throws Exception {
    podman.start(
        "bitmsg-pow-it", POW, "pow-service", "--listen", "127.0.0.1:8446", "--engines", "cpu");
    awaitHealthy("bitmsg-pow-it");
    Tools.Result wrong =
        podman.run(
            120,
            "exec",
            "bitmsg-pow-it",
            "/opt/java/bin/java",
            "-cp",
            "/opt/bitmsg/pow-service/*:/opt/bitmsg/pow-service/lib/*",
            "dev.bitmsg.pow.cli.PowMain",
            "pow",
            "health",
            "--server",
            "127.0.0.1:1",
            "--timeout-seconds",
            "3");
    assertNotEquals(0, wrong.code(), "the check fails where nothing serves:\n" + wrong.output());
    stop("bitmsg-pow-it");
  }

  private static void awaitHealthy(String container) throws Exception {
    long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
    Tools.Result last;
    do {
      last = podman.run(120, "healthcheck", "run", container);
      if (last.code() == 0) {
        String status =
            podman.ok(60, "inspect", "--format", "{{.State.Health.Status}}", container).strip();
        assertEquals("healthy", status, container + " health after a passing check");
        return;
      }
      Thread.sleep(2000);
    } while (System.nanoTime() < deadline);
    Tools.Result logs = podman.run(60, "logs", container);
    throw new AssertionError(
        container
            + " not healthy within "
            + HEALTHY_WITHIN
            + ": "
            + last.output()
            + "\nlogs:\n"
            + logs.output());
  }

  private static void stop(String container) throws Exception {
    podman.ok(120, "stop", "-t", "60", container);
    String exited = podman.ok(60, "inspect", "--format", "{{.State.Status}}", container).strip();
    assertEquals("exited", exited, container + " stopped");
  }
}
