package dev.bitmsg.node.metrics;

import dev.bitmsg.settings.BuildInfo;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The metrics of the process rather than the node: the JVM's (memory, GC, threads, classes, CPU)
 * and {@code bitmsg_build_info{program,version,commit,jdk}}. Stateless.
 */
final class ProcessMetrics {
  private ProcessMetrics() {}

  static void register(PrometheusRegistry registry, String program) {
    JvmMetrics.builder().register(registry);
    BuildInfo b = BuildInfo.current();
    Info.builder()
        .name("bitmsg_build_info")
        .help("Version, git commit and Java runtime of this program")
        .labelNames("program", "version", "commit", "jdk")
        .register(registry)
        .addLabelValues(program, b.version(), b.commit(), b.jdk());
  }
}
