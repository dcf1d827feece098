package dev.bitmsg.pow.client;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which configured target each resolved replica address came from, so a result can name the replica
 * that did the work the way the operator wrote it: {@code 127.0.0.2:8446}, or {@code powbox:8446
 * (10.0.0.7)} for a name that stands for several replicas. Thread-safe.
 */
final class ReplicaNames {
  private final Map<InetSocketAddress, ServiceTarget> byAddress = new ConcurrentHashMap<>();

  void put(InetSocketAddress address, ServiceTarget target) {
    byAddress.put(address, target);
  }

  /** The name of the replica at {@code remote} (the peer address of a call). */
  String label(SocketAddress remote) {
    if (!(remote instanceof InetSocketAddress isa)) {
      return String.valueOf(remote);
    }
    ServiceTarget t = byAddress.get(isa);
    String ip = isa.getAddress() == null ? isa.getHostString() : isa.getAddress().getHostAddress();
    if (t == null) {
      return new ServiceTarget(ip, isa.getPort()).toString();
    }
    return t.isIpLiteral() ? t.toString() : t + " (" + ip + ")";
  }
}
