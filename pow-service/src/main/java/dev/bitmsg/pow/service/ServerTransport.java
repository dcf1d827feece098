package dev.bitmsg.pow.service;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The network transport of a PoW service: a Netty server builder bound to the configured address,
 * with TLS (mutual when a client CA is configured) when configured and the {@link ConnectionLimits}
 * applied. Stateless.
 */
public final class ServerTransport {
  private ServerTransport() {}

  /** A builder for {@code config}'s address, TLS and connection limits. */
  public static NettyServerBuilder netty(PowServiceConfig config) throws IOException {
    InetSocketAddress address =
        new InetSocketAddress(config.listen().host(), config.listen().port());
    NettyServerBuilder builder;
    if (config.tls().isPresent()) {
      PowServiceConfig.Tls tls = config.tls().get();
      TlsServerCredentials.Builder tb =
          TlsServerCredentials.newBuilder().keyManager(tls.cert().toFile(), tls.key().toFile());
      if (tls.clientCa().isPresent()) { // mutual TLS: only clients with a certificate from it
        tb.trustManager(tls.clientCa().get().toFile())
            .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
      }
      ServerCredentials creds = tb.build();
      builder = NettyServerBuilder.forAddress(address, creds);
    } else {
      builder = NettyServerBuilder.forAddress(address);
    }
    return apply(builder, config.limits().connections());
  }

  /** Applies {@code limits} to {@code builder}. */
  public static NettyServerBuilder apply(NettyServerBuilder builder, ConnectionLimits limits) {
    builder
        .maxConcurrentCallsPerConnection(limits.maxCallsPerConnection())
        .permitKeepAliveTime(limits.permitKeepAlive().toNanos(), TimeUnit.NANOSECONDS)
        .permitKeepAliveWithoutCalls(limits.permitKeepAliveWithoutCalls())
        .keepAliveTime(limits.keepAlive().toNanos(), TimeUnit.NANOSECONDS)
        .keepAliveTimeout(ConnectionLimits.KEEPALIVE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
    Duration age = limits.maxConnectionAge();
    if (!age.isZero()) {
      builder
          .maxConnectionAge(age.toNanos(), TimeUnit.NANOSECONDS)
          .maxConnectionAgeGrace(limits.maxConnectionAgeGrace().toNanos(), TimeUnit.NANOSECONDS);
    }
    return builder;
  }
}
