package dev.bitmsg.node.net;

import dev.bitmsg.node.store.KnownNode;
import dev.bitmsg.node.store.KnownNodes;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.ObjectHeader;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ObjectType;
import dev.bitmsg.node.wire.ProtocolException;
import dev.bitmsg.node.wire.VarInt;
import dev.bitmsg.node.wire.Version;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Onion peers as PyBitmessage v0.6 spreads them: an {@code onionpeer} object (type {@code
 * 0x746f72}, version 2 for a v2 name, 3 for v3; TTL a week) whose payload is the onion service's
 * port (varint) and its host in OnionCat form ({@link OnionName#wireHost()}: 16 bytes for v2, 41
 * for v3). It travels as any object, so a v3 name, too long for an addr entry, reaches every node.
 * A stored one makes its host a known node of the object's stream ({@link #listener}); {@link
 * #make} builds the unsolved object a node with an onion service publishes. Stateless.
 */
public final class OnionPeers {
  private static final Logger log = LoggerFactory.getLogger(OnionPeers.class);

  /** PyBitmessage's TTL of an onionpeer object: a week (it adds up to five minutes of jitter). */
  public static final long TTL_SECONDS = 7 * 24 * 3600;

  private OnionPeers() {}

  /** The unsolved (nonce 0) onionpeer object of {@code name:port} in stream 1. */
  public static ObjectMessage make(OnionName name, int port, long expiresTime) {
    byte[] p = VarInt.encode(port);
    byte[] host = name.wireHost();
    byte[] payload = new byte[p.length + host.length];
    System.arraycopy(p, 0, payload, 0, p.length);
    System.arraycopy(host, 0, payload, p.length, host.length);
    ObjectHeader h = new ObjectHeader(expiresTime, ObjectType.ONIONPEER, name.isV3() ? 3 : 2, 1);
    return ObjectMessage.create(0, h, Bytes.of(payload));
  }

  /** The onion host and port an onionpeer object names; empty for any other or a malformed one. */
  public static Optional<HostPort> decode(ObjectMessage o) {
    if (o.objectType() != ObjectType.ONIONPEER) {
      return Optional.empty();
    }
    try {
      ByteBuffer b = o.payloadBuffer();
      long port = VarInt.read(b);
      byte[] host = new byte[b.remaining()];
      b.get(host);
      if (port < 1 || port > 0xffff) {
        return Optional.empty();
      }
      return OnionName.fromWire(host).map(n -> new HostPort(n.name(), (int) port));
    } catch (BufferUnderflowException | IllegalArgumentException | ProtocolException e) {
      return Optional.empty();
    }
  }

  /** Stored listener: each stored onionpeer object's host becomes a known node. */
  static Consumer<ObjectMessage> listener(KnownNodes knownNodes, Clock clock) {
    return o -> {
      if (o.objectType() != ObjectType.ONIONPEER) {
        return;
      }
      Optional<HostPort> hp = decode(o);
      if (hp.isEmpty()) {
        log.debug("malformed onionpeer object ignored vector={}", o.inventoryVector());
        return;
      }
      try {
        knownNodes.upsert(
            new KnownNode(
                hp.get().host(),
                hp.get().port(),
                o.stream(),
                Version.NODE_NETWORK,
                clock.instant().getEpochSecond(),
                0));
        log.info("onion peer learnt peer={}", hp.get());
      } catch (RuntimeException e) {
        log.warn("onion peer not recorded peer={}", hp.get(), e);
      }
    };
  }
}
