/**
 * The node's Prometheus metrics on {@code /metrics} ({@link dev.bitmsg.node.metrics.NodeMetrics}:
 * {@code bitmsg_node_*}, the JVM's and {@code bitmsg_build_info}): connections, objects stored and
 * relayed, inventory, mailbox and pubkey work counts, PoW time. Labels are bounded: the PoW
 * provider is one of {@code remote}, {@code cpu}, {@code cpu_fallback}. Reads the ports {@code
 * net.NodeNetwork}, {@code messaging.MessagingView}, the inventory interface, {@code
 * net.ObjectCounters} and {@code pow.PowTiming}; never {@code app}. Depends on prometheus-metrics.
 */
package dev.bitmsg.node.metrics;
