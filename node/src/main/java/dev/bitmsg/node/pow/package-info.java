/**
 * The node's proof-of-work seam: {@link dev.bitmsg.node.pow.PowProvider} does every search the node
 * needs for its own objects; implementations are the embedded CPU engine ({@link
 * dev.bitmsg.node.pow.EnginePowProvider}), the remote PoW service over gRPC ({@link
 * dev.bitmsg.node.pow.RemotePowProvider}) and the remote-then-CPU fallback ({@link
 * dev.bitmsg.node.pow.FallbackPowProvider}); {@link dev.bitmsg.node.pow.PowTiming} times each
 * search for the metrics. Only the composition root chooses and builds a provider. The targets come
 * from the PoW rules of {@code dev.bitmsg.pow}. Depends on {@code pow-cpu}, {@code pow-proto} and
 * gRPC.
 */
package dev.bitmsg.node.pow;
