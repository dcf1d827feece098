package dev.bitmsg.pow.client;

import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.NameResolverRegistry;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Makes {@link TargetsResolver}s for channel targets of the scheme {@value #SCHEME}; the channel
 * hands its targets over as a resolver argument ({@link #TARGETS}). Registered once with gRPC's
 * default registry. Stateless.
 */
final class TargetsResolverProvider extends NameResolverProvider {
  static final String SCHEME = "bitmsg-pow";

  /** The targets of one channel and where their resolved addresses are named. Immutable. */
  record Targets(List<ServiceTarget> list, ReplicaNames names) {}

  static final NameResolver.Args.Key<Targets> TARGETS =
      NameResolver.Args.Key.create("bitmsg-pow-targets");

  private static final TargetsResolverProvider INSTANCE = new TargetsResolverProvider();

  static {
    NameResolverRegistry.getDefaultRegistry().register(INSTANCE);
  }

  private TargetsResolverProvider() {}

  /** Registers the scheme with gRPC's default registry (once; later calls do nothing). */
  static String scheme() {
    return INSTANCE.getDefaultScheme();
  }

  @Override
  public @Nullable NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
    if (!SCHEME.equals(targetUri.getScheme())) {
      return null;
    }
    Targets targets = args.getArg(TARGETS);
    if (targets == null || targets.list().isEmpty()) {
      throw new IllegalArgumentException("a " + SCHEME + " channel needs its targets");
    }
    Executor offload = args.getOffloadExecutor();
    if (offload == null) {
      offload = r -> new Thread(r, "pow-client-resolve").start();
    }
    return new TargetsResolver(
        targets.list(), targets.names(), offload, args.getSynchronizationContext());
  }

  @Override
  public String getDefaultScheme() {
    return SCHEME;
  }

  @Override
  protected boolean isAvailable() {
    return true;
  }

  @Override
  protected int priority() {
    return 5;
  }

  @Override
  public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
    return List.of(InetSocketAddress.class);
  }
}
