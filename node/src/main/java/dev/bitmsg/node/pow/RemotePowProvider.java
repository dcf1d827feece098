package dev.bitmsg.node.pow;

import com.google.protobuf.ByteString;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowException;
import dev.bitmsg.pow.PowProgress;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.v1.CancelRequest;
import dev.bitmsg.pow.v1.JobUpdate;
import dev.bitmsg.pow.v1.Priority;
import dev.bitmsg.pow.v1.ProofOfWorkGrpc;
import dev.bitmsg.pow.v1.SolveRequest;
import dev.bitmsg.pow.v1.SubmitRequest;
import dev.bitmsg.pow.v1.WatchRequest;
import io.grpc.CallCredentials;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link PowProvider} that offloads the search to the remote PoW service over gRPC ({@code
 * bitmessage.pow.v1.ProofOfWork}, generated stubs of {@code pow-proto}): {@code Submit} then {@code
 * Watch} for progress and the answer, {@code Cancel} when interrupted. Sends the token as {@code
 * authorization: Bearer}. The answer is re-verified locally before it is used. Plaintext transport
 * (the service is expected on a trusted link). Thread-safe.
 */
public final class RemotePowProvider implements PowProvider {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final String endpoint; // HOST:PORT, [HOST]:PORT for IPv6
  private final ManagedChannel channel;
  private final ProofOfWorkGrpc.ProofOfWorkBlockingStub stub;
  private final Duration connectTimeout;

  public RemotePowProvider(String host, int port, String token, Duration connectTimeout) {
    this.endpoint = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    this.connectTimeout = connectTimeout;
    this.channel = NettyChannelBuilder.forAddress(host, port).usePlaintext().build();
    this.stub = ProofOfWorkGrpc.newBlockingStub(channel).withCallCredentials(new Bearer(token));
  }

  @Override
  public Result solve(InitialHash initialHash, long target, Consumer<PowProgress> progress)
      throws InterruptedException {
    SolveRequest solve =
        SolveRequest.newBuilder()
            .setInitialHash(ByteString.copyFrom(initialHash.toByteArray()))
            .setTarget(target)
            .setPriority(Priority.PRIORITY_INTERACTIVE)
            .build();
    String jobId =
        stub.withDeadlineAfter(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .submit(SubmitRequest.newBuilder().setSolve(solve).build())
            .getJobId();
    Context.CancellableContext watch = Context.current().withCancellation();
    Context previous = watch.attach();
    try {
      Iterator<JobUpdate> updates =
          stub.watch(WatchRequest.newBuilder().setJobId(jobId).setIntervalMs(250).build());
      while (updates.hasNext()) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException();
        }
        JobUpdate u = updates.next();
        switch (u.getState()) {
          case JOB_STATE_DONE -> {
            long nonce = u.getResult().getNonce();
            if (!TrialValue.meets(TrialValue.of(nonce, initialHash), target)) {
              throw new PowException(
                  "remote " + endpoint + " returned a nonce that does not meet the target");
            }
            return new Result(nonce, "remote " + endpoint + " (" + u.getResult().getEngine() + ")");
          }
          case JOB_STATE_QUEUED, JOB_STATE_RUNNING ->
              progress.accept(new PowProgress(u.getTrials(), u.getTrialsPerSecond()));
          default ->
              throw new PowException(
                  "remote "
                      + endpoint
                      + " job "
                      + jobId
                      + " ended "
                      + u.getState()
                      + (u.getError().isEmpty() ? "" : ": " + u.getError()));
        }
      }
      throw new PowException(
          "remote " + endpoint + " closed the watch of job " + jobId + " without an answer");
    } catch (InterruptedException | RuntimeException e) {
      if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
        cancelQuietly(jobId);
        throw e instanceof InterruptedException ie ? ie : new InterruptedException("interrupted");
      }
      throw e;
    } finally {
      watch.detach(previous);
      watch.cancel(null);
    }
  }

  private void cancelQuietly(String jobId) {
    try {
      stub.withDeadlineAfter(2, TimeUnit.SECONDS)
          .cancel(CancelRequest.newBuilder().setJobId(jobId).build());
    } catch (StatusRuntimeException ignored) {
      // best effort: the job expires on the service anyway
    }
  }

  @Override
  public String describe() {
    return "remote " + endpoint;
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }

  /** {@code authorization: Bearer <token>} on every call. */
  private static final class Bearer extends CallCredentials {
    private final String token;

    Bearer(String token) {
      this.token = token.strip();
    }

    @Override
    public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
      Metadata headers = new Metadata();
      headers.put(AUTHORIZATION, "Bearer " + token);
      applier.apply(headers);
    }
  }

  /** Whether {@code e} means the service could not be used (as opposed to a wrong answer). */
  static boolean isUnreachable(StatusRuntimeException e) {
    Status.Code c = e.getStatus().getCode();
    return c == Status.Code.UNAVAILABLE
        || c == Status.Code.DEADLINE_EXCEEDED
        || c == Status.Code.UNKNOWN
        || c == Status.Code.CANCELLED
        || c == Status.Code.RESOURCE_EXHAUSTED
        || c == Status.Code.INTERNAL;
  }
}
