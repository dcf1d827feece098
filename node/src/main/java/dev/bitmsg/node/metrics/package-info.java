/**
 * The node's Prometheus metrics ({@code bitmsg_node_*}, the JVM's and {@code bitmsg_build_info})
 * and their {@code /metrics} endpoint, object counters and PoW timing. Labels are bounded: the PoW
 * provider is one of {@code remote}, {@code cpu}, {@code cpu_fallback}. Depends on the node's
 * components it reads and on prometheus-metrics.
 */
@NullMarked
package dev.bitmsg.node.metrics;

import org.jspecify.annotations.NullMarked;
