package dev.bitmsg.pow.client;

import io.grpc.Attributes;
import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.StatusOr;
import io.grpc.SynchronizationContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a static list of {@link ServiceTarget}s into one address per replica: every address of
 * every host (a DNS name may stand for several replicas, e.g. a headless Kubernetes service), each
 * its own group so that the load-balancing policy treats it as its own subchannel. Each group
 * carries its target's {@code host:port} as the authority, so TLS checks every replica's
 * certificate against the name it was configured by. Looks the names up again whenever the channel
 * asks (a replica failed), on the channel's offload executor. Not a balancer: the policy (gRPC's
 * round_robin) chooses. Methods run in the channel's synchronization context; the lookup runs
 * elsewhere.
 */
final class TargetsResolver extends NameResolver {
  private static final Logger log = LoggerFactory.getLogger(TargetsResolver.class);

  private final List<ServiceTarget> targets;
  private final ReplicaNames names;
  private final Executor offload;
  private final SynchronizationContext sync;
  private @Nullable Listener2 listener; // set by start, used in the sync context only
  private boolean resolving; // sync context only
  private boolean shutdown; // sync context only

  TargetsResolver(
      List<ServiceTarget> targets,
      ReplicaNames names,
      Executor offload,
      SynchronizationContext sync) {
    this.targets = List.copyOf(targets);
    this.names = names;
    this.offload = offload;
    this.sync = sync;
  }

  @Override
  public String getServiceAuthority() {
    return targets.get(0).toString();
  }

  @Override
  public void start(Listener2 listener) {
    this.listener = listener;
    resolve();
  }

  @Override
  public void refresh() {
    resolve();
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  private void resolve() {
    if (resolving || shutdown || listener == null) {
      return;
    }
    resolving = true;
    Listener2 l = listener;
    offload.execute(
        () -> {
          List<EquivalentAddressGroup> groups = new ArrayList<>();
          List<String> problems = new ArrayList<>();
          for (ServiceTarget t : targets) {
            try {
              for (InetAddress a : InetAddress.getAllByName(t.host())) {
                InetSocketAddress address = new InetSocketAddress(a, t.port());
                names.put(address, t);
                groups.add(
                    new EquivalentAddressGroup(
                        address,
                        Attributes.newBuilder()
                            .set(EquivalentAddressGroup.ATTR_AUTHORITY_OVERRIDE, t.toString())
                            .build()));
              }
            } catch (UnknownHostException e) {
              problems.add(t + ": " + e.getMessage());
            }
          }
          if (!problems.isEmpty()) {
            log.warn("pow service name not resolved problems={}", problems);
          }
          sync.execute(
              () -> {
                resolving = false;
                if (shutdown) {
                  return;
                }
                if (groups.isEmpty()) {
                  l.onError(
                      Status.UNAVAILABLE.withDescription(
                          "no address for the PoW service: " + String.join("; ", problems)));
                } else {
                  l.onResult2(
                      ResolutionResult.newBuilder()
                          .setAddressesOrError(StatusOr.fromValue(groups))
                          .build());
                }
              });
        });
  }
}
