package dev.bitmsg.node.net;

/**
 * Told about every established peer connection that starts or ends, after the peer group's registry
 * changed, on the thread that changed it (an event loop or a worker): implementations must return
 * quickly and must not block.
 */
public interface ConnectionListener {
  /**
   * A connection finished its handshake.
   *
   * @param connections established connections now, this one included
   */
  void connected(PeerInfo peer, int connections);

  /**
   * An established connection ended.
   *
   * @param connections established connections now
   */
  void disconnected(PeerInfo peer, int connections);
}
