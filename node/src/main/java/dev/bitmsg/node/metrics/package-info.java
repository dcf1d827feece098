/**
 * Prometheus metrics of a node on {@code /metrics} ({@link dev.bitmsg.node.metrics.NodeMetrics}):
 * connections, objects stored and relayed, inventory, mailbox and pubkey work counts, PoW time
 * ({@code bitmsg_node_*}), plus the JVM's and {@code bitmsg_build_info} ({@code ProcessMetrics}).
 * Labels are bounded: the PoW provider is one of {@code remote}, {@code cpu}, {@code cpu_fallback}
 * ({@link dev.bitmsg.node.metrics.PowProviderLabel}). Reads the ports {@code net.NodeNetwork},
 * {@code messaging.MessagingView}, the inventory interface, {@code net.ObjectCounters} and {@code
 * pow.PowTiming}; never {@code app}. Depends on prometheus-metrics.
 */
package dev.bitmsg.node.metrics;
