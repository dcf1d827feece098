/**
 * Fixtures shared by the node's tests: loopback test networks and their settings ({@link
 * dev.bitmsg.node.testing.TestNetwork}, {@link dev.bitmsg.node.testing.NodeWithApi}), bounded waits
 * ({@link dev.bitmsg.node.testing.Await}), a hand-moved clock, hand-driven peers ({@link
 * dev.bitmsg.node.testing.RawPeer}), proof of work held or made harder ({@link
 * dev.bitmsg.node.testing.PowGate}, {@link dev.bitmsg.node.testing.HarderPow}), the real PoW
 * service and other child processes ({@link dev.bitmsg.node.testing.PowServiceProcess}, {@link
 * dev.bitmsg.node.testing.ChildJvm}), external programs that tests need and fail without ({@link
 * dev.bitmsg.node.testing.Openssl}, {@link dev.bitmsg.node.testing.Python}), a stand-in for
 * namecoind ({@link dev.bitmsg.node.testing.FakeNamecoind}), and views of a node from outside
 * ({@link dev.bitmsg.node.testing.ReadOnlyQuery}, {@link dev.bitmsg.node.testing.MetricsScrape},
 * {@link dev.bitmsg.node.testing.LogEvents}). Test code only; it may use every main package of the
 * node.
 *
 * <p>Unit tests ({@code *Test}, in-process) run under surefire; integration tests ({@code *IT}:
 * child JVMs, kill -9, several nodes, external programs) under failsafe, and those that run a
 * network of nodes carry {@link dev.bitmsg.node.testing.NetworkTest} for {@code ./bm net-test}.
 */
package dev.bitmsg.node.testing;
