package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.ObjectMessage;
import java.util.List;

/**
 * The peer network as the node's other parts see it (the client API, the event stream, the
 * metrics): the established connections with a listener for their changes, the relay figures, and
 * the entry for objects made outside the network. Implemented by {@link PeerGroup}. Thread-safe.
 */
public interface NodeNetwork {
  /** A snapshot of the established connections. */
  List<PeerInfo> peers();

  /** Objects passed on to peers that this node did not make, since start. */
  RelayCounts relayCounts();

  /** Bytes read from and written to peers since start. */
  default TrafficCounts traffic() {
    return new TrafficCounts(0, 0);
  }

  /**
   * Ingests an object created or received outside the network (the node's own messages, objects
   * handed in through the API) and announces it to every peer when it is new.
   */
  ObjectIngest.Result submit(ObjectMessage object);

  void addConnectionListener(ConnectionListener listener);

  void removeConnectionListener(ConnectionListener listener);
}
