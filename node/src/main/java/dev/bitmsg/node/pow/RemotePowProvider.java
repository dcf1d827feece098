package dev.bitmsg.node.pow;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowProgress;
import dev.bitmsg.pow.client.ClientSettings;
import dev.bitmsg.pow.client.FailoverTiming;
import dev.bitmsg.pow.client.PowClient;
import dev.bitmsg.pow.client.RemoteAnswer;
import dev.bitmsg.pow.client.ServiceTarget;
import dev.bitmsg.pow.client.Transport;
import dev.bitmsg.pow.v1.Priority;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link PowProvider} that offloads the search to the remote PoW service through the shared
 * client ({@link PowClient}): one {@code SolveStream} call per search, balanced over the healthy
 * replicas, moved to another replica (resuming where the last one stopped) when its replica dies or
 * hangs, TLS or plaintext, the bearer token on every call, the answer re-verified. When no replica
 * is usable it throws {@link dev.bitmsg.pow.client.ServiceUnavailableException} with the searched
 * prefix, and refusals every replica would repeat (a wrong token) as {@link
 * io.grpc.StatusRuntimeException}. The result names the replica: {@code remote HOST:PORT (engine)}.
 * Thread-safe.
 */
public final class RemotePowProvider implements PowProvider {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final PowClient client;

  public RemotePowProvider(ClientSettings settings) {
    this.client = PowClient.open(settings);
  }

  /**
   * One service at {@code host:port} with a token: plaintext on loopback, TLS with the system roots
   * elsewhere. {@code connectTimeout} bounds the wait for a first word from the service.
   */
  public RemotePowProvider(String host, int port, String token, Duration connectTimeout) {
    this(settings(new ServiceTarget(host, port), token, connectTimeout));
  }

  private static ClientSettings settings(ServiceTarget t, String token, Duration connectTimeout) {
    FailoverTiming d = FailoverTiming.defaults();
    return new ClientSettings(
            List.of(t),
            Transport.choose(List.of(t), Optional.empty(), Optional.empty(), false, false),
            Optional.of(token),
            d)
        .withTiming(d.withStall(d.progressInterval(), d.stallTimeout(), connectTimeout));
  }

  @Override
  public Result solve(InitialHash initialHash, long target, Consumer<PowProgress> progress)
      throws InterruptedException {
    RemoteAnswer a =
        client.solve(
            initialHash, target, Priority.PRIORITY_INTERACTIVE, RANDOM.nextLong(), progress);
    return new Result(a.nonce(), a.by());
  }

  @Override
  public String describe() {
    return client.describe();
  }

  @Override
  public void close() {
    client.close();
  }
}
