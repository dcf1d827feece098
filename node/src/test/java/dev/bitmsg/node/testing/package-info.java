/**
 * Fixtures shared by the node's tests: loopback test networks ({@link
 * dev.bitmsg.node.testing.TestNetwork}, {@link dev.bitmsg.node.testing.NodeWithApi}), bounded waits
 * ({@link dev.bitmsg.node.testing.Await}), a hand-moved clock, hand-driven peers ({@link
 * dev.bitmsg.node.testing.RawPeer}), the real PoW service and other child processes ({@link
 * dev.bitmsg.node.testing.PowServiceProcess}, {@link dev.bitmsg.node.testing.ChildJvm}, {@link
 * dev.bitmsg.node.testing.Openssl}), stand-ins for outside servers ({@link
 * dev.bitmsg.node.testing.FakeNamecoind}), and readers of a node's state from outside ({@link
 * dev.bitmsg.node.testing.ReadOnlyQuery}, {@link dev.bitmsg.node.testing.MetricsScrape}). Test code
 * only; it may use every main package of the node. Integration tests (child JVMs, kill -9, several
 * nodes, external programs) are {@code *IT} classes run by failsafe; those that run a network of
 * nodes also carry {@link dev.bitmsg.node.testing.NetworkTest}.
 */
package dev.bitmsg.node.testing;
