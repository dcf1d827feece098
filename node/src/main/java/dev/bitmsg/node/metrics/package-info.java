/**
 * Prometheus metrics of a node on {@code /metrics} ({@link dev.bitmsg.node.metrics.NodeMetrics}):
 * connections, objects stored and relayed, inventory, mailbox and pubkey work counts, PoW time.
 * Reads the ports {@code net.NodeNetwork}, {@code messaging.MessagingView}, the inventory
 * interface, {@code net.ObjectCounters} and {@code pow.PowTiming}; never {@code app}.
 */
package dev.bitmsg.node.metrics;
