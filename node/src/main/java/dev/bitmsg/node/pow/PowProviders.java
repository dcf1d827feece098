package dev.bitmsg.node.pow;

import dev.bitmsg.node.net.HostPort;
import java.time.Duration;
import java.util.Optional;

/** Chooses the node's {@link PowProvider}: the remote service with CPU fallback, or the CPU. */
public final class PowProviders {
  private PowProviders() {}

  public static PowProvider create(
      Optional<HostPort> service, Optional<String> token, int cpuThreads) {
    PowProvider cpu = EnginePowProvider.cpu(cpuThreads);
    if (service.isEmpty()) {
      return cpu;
    }
    return new FallbackPowProvider(
        new RemotePowProvider(service.get(), token.orElseThrow(), Duration.ofSeconds(10)), cpu);
  }
}
