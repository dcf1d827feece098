package dev.bitmsg.node.pow;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowProgress;
import java.util.function.Consumer;

/**
 * The one seam all sending-side proof of work of the node goes through (msg, ack, pubkey,
 * getpubkey, broadcast): the embedded CPU engine, the remote PoW service, or the service with a CPU
 * fallback. Implementations are thread-safe; {@link #solve} blocks the calling thread.
 */
public interface PowProvider extends AutoCloseable {
  /** A nonce meeting the target and who found it (e.g. {@code cpu}, {@code remote host:port}). */
  record Result(long nonce, String by) {}

  /**
   * Finds a nonce whose trial value is at most {@code target}, reporting progress now and then.
   *
   * @throws InterruptedException when the calling thread is interrupted (the search is cancelled)
   * @throws dev.bitmsg.pow.PowException when the provider fails
   */
  Result solve(InitialHash initialHash, long target, Consumer<PowProgress> progress)
      throws InterruptedException;

  /** Short description for logs and status lines. */
  String describe();

  @Override
  void close();
}
