package dev.bitmsg.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * podman with a storage of its own (under a test directory, so nothing is left in the machine's
 * image store) and the options this kind of machine needs: the runc runtime (crun refuses hybrid
 * cgroup hierarchies), resource limits no higher than the caller's (raising them needs
 * CAP_SYS_RESOURCE), no network and no health-check timers (they need systemd; the test runs the
 * checks itself with {@code podman healthcheck run}). Immutable.
 */
final class Podman {
  private final Path podman;
  private final Path root;

  Podman(Path podman, Path root) {
    this.podman = podman;
    this.root = root;
  }

  private List<String> base() {
    return new ArrayList<>(
        List.of(
            podman.toString(),
            "--root",
            root.resolve("storage").toString(),
            "--runroot",
            root.resolve("run").toString(),
            "--runtime",
            "runc"));
  }

  Tools.Result run(long seconds, String... args) throws IOException, InterruptedException {
    List<String> cmd = base();
    cmd.addAll(List.of(args));
    return Tools.run(seconds, cmd);
  }

  /** Runs {@code args}, failing unless podman exits 0; returns its output. */
  String ok(long seconds, String... args) throws IOException, InterruptedException {
    Tools.Result r = run(seconds, args);
    assertEquals(0, r.code(), "podman " + String.join(" ", args) + " failed:\n" + r.output());
    return r.output();
  }

  /** Starts a detached container named {@code name} of {@code image} with {@code args}. */
  void start(String name, String image, String... args) throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "run",
                "-d",
                "--name",
                name,
                "--network",
                "none",
                "--ulimit",
                "nofile=10000:10000",
                "--ulimit",
                "nproc=10000:10000",
                "--health-interval",
                "disable",
                image));
    cmd.addAll(List.of(args));
    ok(120, cmd.toArray(String[]::new));
  }
}
