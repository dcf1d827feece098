package dev.bitmsg.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus files under {@code deploy/prometheus/}: the rules pass {@code promtool check
 * rules} and their unit tests ({@code promtool test rules}), the example configuration passes
 * {@code promtool check config}.
 */
class PrometheusRulesIT {
  private final Path deploy = UnpackedDist.sourceRoot().resolve("deploy/prometheus");

  @Test
  void rules_passCheckAndTheirTests() throws Exception {
    Path promtool = Tools.require("promtool", "prometheus");
    Tools.Result check =
        Tools.run(60, List.of(promtool.toString(), "check", "rules", path("bitmsg.rules.yml")));
    assertEquals(0, check.code(), check.output());
    assertTrue(check.output().contains("SUCCESS"), check.output());
    Tools.Result test =
        Tools.run(
            120,
            new ProcessBuilder(promtool.toString(), "test", "rules", "bitmsg.rules.test.yml")
                .directory(deploy.toFile()));
    assertEquals(0, test.code(), test.output());
    assertTrue(test.output().contains("SUCCESS"), test.output());
  }

  @Test
  void exampleConfig_passesCheckConfig() throws Exception {
    Path promtool = Tools.require("promtool", "prometheus");
    Tools.Result r =
        Tools.run(
            60,
            new ProcessBuilder(promtool.toString(), "check", "config", "prometheus.example.yml")
                .directory(deploy.toFile()));
    assertEquals(0, r.code(), r.output());
  }

  private String path(String name) {
    return deploy.resolve(name).toString();
  }
}
