package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.Version;
import java.util.List;

/**
 * Constants of the network a node joins: default port, protocol version, the services and streams
 * it advertises, its user agent and the bootstrap nodes (PROTOCOL.md sections 3 and 12). Injected
 * rather than static so tests and other networks can differ. Immutable.
 *
 * <p>Services: the node advertises {@code NODE_NETWORK | NODE_SSL} (3, as MiNode does), in both
 * listening and client-only mode (a client-only node still stores, serves and relays objects over
 * the connections it dials). {@code NODE_SSL}: with every peer that advertises it too, the
 * connection switches to TLS after the veracks exactly as the reference node does (PROTOCOL.md
 * 3.3); peers without it stay plaintext. {@link #withTls(boolean) withTls(false)} (the node's
 * {@code --no-tls}) drops the bit and with it all TLS. {@code NODE_DANDELION} is added by the peer
 * group while Dandelion is on ({@link #withDandelion}), as PyBitmessage advertises it.
 */
public record NetworkParams(
    int defaultPort,
    int protocolVersion,
    long services,
    List<Long> streams,
    String userAgent,
    List<HostPort> bootstrapNodes) {

  /** Protocol version spoken and the minimum accepted (PROTOCOL.md 3.1). */
  public static final int PROTOCOL_VERSION = 3;

  /** PyBitmessage {@code knownnodes.DEFAULT_NODES} (PROTOCOL.md section 12). */
  public static final List<HostPort> DEFAULT_BOOTSTRAP =
      List.of(
          new HostPort("5.45.99.75", 8444),
          new HostPort("75.167.159.54", 8444),
          new HostPort("95.165.168.168", 8444),
          new HostPort("85.180.139.241", 8444),
          new HostPort("158.222.217.190", 8080),
          new HostPort("178.62.12.187", 8448),
          new HostPort("24.188.198.204", 8111),
          new HostPort("109.147.204.113", 1195),
          new HostPort("178.11.46.221", 8444));

  public NetworkParams {
    streams = List.copyOf(streams);
    bootstrapNodes = List.copyOf(bootstrapNodes);
    if (streams.isEmpty()) {
      throw new IllegalArgumentException("streams must not be empty");
    }
    if (!userAgent.matches("/[a-zA-Z]+:[0-9]+\\.?[\\w\\s().:;/-]*/")) {
      throw new IllegalArgumentException("user agent must look like /Name:Version/: " + userAgent);
    }
  }

  /** The real Bitmessage network, stream 1, with {@code /bitmsg:<version>/} as user agent. */
  public static NetworkParams mainnet(String softwareVersion) {
    return new NetworkParams(
        8444,
        PROTOCOL_VERSION,
        Version.NODE_NETWORK | Version.NODE_SSL,
        List.of(1L),
        "/bitmsg:" + softwareVersion + "/",
        DEFAULT_BOOTSTRAP);
  }

  /** Whether the node advertises {@code NODE_SSL} and so upgrades links to TLS. */
  public boolean advertisesTls() {
    return (services & Version.NODE_SSL) != 0;
  }

  /** These parameters with {@code NODE_SSL} advertised ({@code true}) or not. */
  public NetworkParams withTls(boolean tls) {
    long s = tls ? services | Version.NODE_SSL : services & ~Version.NODE_SSL;
    return new NetworkParams(defaultPort, protocolVersion, s, streams, userAgent, bootstrapNodes);
  }

  /** These parameters with {@code NODE_DANDELION} advertised ({@code true}) or not. */
  public NetworkParams withDandelion(boolean on) {
    long s = on ? services | Version.NODE_DANDELION : services & ~Version.NODE_DANDELION;
    return new NetworkParams(defaultPort, protocolVersion, s, streams, userAgent, bootstrapNodes);
  }

  /** These parameters with no bootstrap nodes: a node that dials only what it is told to. */
  public NetworkParams withoutBootstrapNodes() {
    return new NetworkParams(defaultPort, protocolVersion, services, streams, userAgent, List.of());
  }

  public boolean servesStream(long stream) {
    return streams.contains(stream);
  }
}
