package dev.bitmsg.pow.client;

import dev.bitmsg.pow.v1.ProofOfWorkGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ConnectivityState;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One gRPC channel to every replica of the PoW service: the configured targets resolved to one
 * subchannel per address ({@link TargetsResolver}), balanced by gRPC's own {@code round_robin}
 * policy with client-side health checking against the standard health service (a replica whose
 * engines are not ready, or whose health stream breaks, gets no calls), HTTP/2 keepalive pings, the
 * chosen transport and the bearer token on every call. Thread-safe; close it when done.
 */
public final class PowChannel implements AutoCloseable {
  /** Health service name the PoW service reports on (besides the server-wide ""). */
  static final String HEALTH_SERVICE = ProofOfWorkGrpc.SERVICE_NAME;

  /** Where a call records the address of the replica (or proxy) it went to. */
  static final CallOptions.Key<AtomicReference<SocketAddress>> PEER =
      CallOptions.Key.create("bitmsg-pow-peer");

  private final ClientSettings settings;
  private final ReplicaNames names;
  private final ManagedChannel channel;

  private PowChannel(ClientSettings settings, ReplicaNames names, ManagedChannel channel) {
    this.settings = settings;
    this.names = names;
    this.channel = channel;
  }

  /** Opens the channel; connections are made on first use. */
  public static PowChannel open(ClientSettings settings) {
    ReplicaNames names = new ReplicaNames();
    String target = TargetsResolverProvider.scheme() + ":///pow";
    ManagedChannel channel =
        Grpc.newChannelBuilder(target, settings.transport().credentials())
            .setNameResolverArg(
                TargetsResolverProvider.TARGETS,
                new TargetsResolverProvider.Targets(settings.targets(), names))
            .defaultServiceConfig(serviceConfig())
            .disableServiceConfigLookUp()
            .keepAliveTime(settings.timing().keepAlive().toMillis(), TimeUnit.MILLISECONDS)
            .keepAliveTimeout(
                settings.timing().keepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .maxInboundMessageSize(4 << 20)
            .intercept(new PeerRecorder())
            .build();
    return new PowChannel(settings, names, channel);
  }

  /**
   * round_robin over every resolved address, each checked with the standard health service (the
   * {@code grpc-services} artifact provides the health-checking variant of the policy).
   */
  static Map<String, ?> serviceConfig() {
    return Map.of(
        "loadBalancingConfig",
        List.of(Map.of("round_robin", Map.of())),
        "healthCheckConfig",
        Map.of("serviceName", HEALTH_SERVICE));
  }

  /** An async stub with the token (when there is one). */
  public ProofOfWorkGrpc.ProofOfWorkStub async() {
    ProofOfWorkGrpc.ProofOfWorkStub s = ProofOfWorkGrpc.newStub(channel);
    Optional<String> token = settings.token();
    return token.isPresent() ? s.withCallCredentials(new BearerToken(token.get())) : s;
  }

  /** A blocking stub with the token (when there is one). */
  public ProofOfWorkGrpc.ProofOfWorkBlockingStub blocking() {
    ProofOfWorkGrpc.ProofOfWorkBlockingStub s = ProofOfWorkGrpc.newBlockingStub(channel);
    Optional<String> token = settings.token();
    return token.isPresent() ? s.withCallCredentials(new BearerToken(token.get())) : s;
  }

  public ClientSettings settings() {
    return settings;
  }

  /** The channel's state; {@code connect} asks an idle channel to connect. */
  public ConnectivityState state(boolean connect) {
    return channel.getState(connect);
  }

  /**
   * Drops every connection and connects again on the next call, letting calls in flight finish. A
   * replica that hangs (stopped process, dead host) keeps its TCP connection, and with it its place
   * in the rotation, until keepalive notices; a new connection to it never completes its HTTP/2
   * handshake, so it gets no calls until it answers again.
   */
  public void reconnect() {
    channel.enterIdle();
  }

  /** The name of the replica at {@code address} as the operator configured it. */
  public String replicaName(SocketAddress address) {
    return names.label(address);
  }

  /** {@code remote HOST:PORT[,HOST:PORT...]}. */
  public String describe() {
    return "remote " + settings.targetList();
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Records the peer address of calls that carry a {@link #PEER} holder, when headers arrive. */
  private static final class PeerRecorder implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      AtomicReference<SocketAddress> holder = options.getOption(PEER);
      ClientCall<Q, R> call = next.newCall(method, options);
      if (holder == null) {
        return call;
      }
      return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
        @Override
        public void start(Listener<R> listener, Metadata headers) {
          ClientCall<Q, R> self = this;
          super.start(
              new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                @Override
                public void onHeaders(Metadata h) {
                  SocketAddress peer = self.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
                  if (peer != null) {
                    holder.set(peer);
                  }
                  super.onHeaders(h);
                }
              },
              headers);
        }
      };
    }
  }
}
