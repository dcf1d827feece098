package dev.bitmsg.node.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The PoW provider label stays within remote, cpu and cpu_fallback whatever the description. */
class PowProviderLabelTest {
  @Test
  void of_mapsDescriptionsToThreeLabels() {
    assertEquals("remote", PowProviderLabel.of("remote 127.0.0.1:8446 (cpu-simdx2)"));
    assertEquals("remote", PowProviderLabel.of("remote powbox:8446, fallback cpu-simdx2"));
    assertEquals("cpu", PowProviderLabel.of("cpu-simdx2"));
    assertEquals("cpu", PowProviderLabel.of("cpu-digestx4"));
    assertEquals(
        "cpu_fallback",
        PowProviderLabel.of(
            "cpu-simdx2 (fallback: remote 127.0.0.1:1 UNAVAILABLE io exception: Connection"
                + " refused)"));
  }
}
