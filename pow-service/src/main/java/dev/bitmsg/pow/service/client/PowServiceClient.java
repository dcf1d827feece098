package dev.bitmsg.pow.service.client;

import dev.bitmsg.pow.client.BearerToken;
import dev.bitmsg.pow.v1.CancelRequest;
import dev.bitmsg.pow.v1.JobState;
import dev.bitmsg.pow.v1.JobUpdate;
import dev.bitmsg.pow.v1.ProofOfWorkGrpc;
import dev.bitmsg.pow.v1.SubmitRequest;
import dev.bitmsg.pow.v1.WatchRequest;
import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A client of the PoW service: one channel to {@code host:port}, an optional bearer token, and
 * plaintext or TLS (trusting a given CA file, or the system roots). Thread-safe; close it when
 * done.
 */
public final class PowServiceClient implements AutoCloseable {
  private final ManagedChannel channel;
  private final Optional<CallCredentials> credentials;

  private PowServiceClient(ManagedChannel channel, Optional<CallCredentials> credentials) {
    this.channel = channel;
    this.credentials = credentials;
  }

  /**
   * Connects lazily to {@code target} ({@code host:port}).
   *
   * @param tlsCa empty: plaintext; present: TLS trusting that PEM file (or the system roots when
   *     the path is empty)
   */
  public static PowServiceClient connect(
      String target, Optional<String> token, Optional<Path> tlsCa) throws IOException {
    ChannelCredentials creds;
    if (tlsCa.isEmpty()) {
      creds = InsecureChannelCredentials.create();
    } else if (tlsCa.get().toString().isEmpty()) {
      creds = TlsChannelCredentials.create();
    } else {
      creds = TlsChannelCredentials.newBuilder().trustManager(tlsCa.get().toFile()).build();
    }
    ManagedChannel ch =
        Grpc.newChannelBuilder(target, creds).maxInboundMessageSize(4 << 20).build();
    return new PowServiceClient(ch, token.map(BearerToken::new));
  }

  /** Plaintext, no token: a local service. */
  public static PowServiceClient local(String target) throws IOException {
    return connect(target, Optional.empty(), Optional.empty());
  }

  public ProofOfWorkGrpc.ProofOfWorkBlockingStub blocking() {
    ProofOfWorkGrpc.ProofOfWorkBlockingStub s = ProofOfWorkGrpc.newBlockingStub(channel);
    return credentials.isPresent() ? s.withCallCredentials(credentials.get()) : s;
  }

  public ProofOfWorkGrpc.ProofOfWorkStub async() {
    ProofOfWorkGrpc.ProofOfWorkStub s = ProofOfWorkGrpc.newStub(channel);
    return credentials.isPresent() ? s.withCallCredentials(credentials.get()) : s;
  }

  /**
   * Submits {@code request} and follows it with Watch, passing every update to {@code progress},
   * until the job ends; returns the final update (state DONE with the result, or why not). If the
   * calling thread is interrupted, or the stream breaks, the job is cancelled.
   */
  public JobUpdate submitAndWatch(
      SubmitRequest request, Duration interval, Consumer<JobUpdate> progress) {
    String id = blocking().submit(request).getJobId();
    boolean finished = false;
    try {
      Iterator<JobUpdate> it =
          blocking()
              .watch(
                  WatchRequest.newBuilder()
                      .setJobId(id)
                      .setIntervalMs((int) interval.toMillis())
                      .build());
      JobUpdate last = null;
      while (it.hasNext()) {
        last = it.next();
        progress.accept(last);
        if (isFinal(last.getState())) {
          finished = true;
          return last;
        }
      }
      throw new IllegalStateException("watch of job " + id + " ended without a final state");
    } finally {
      if (!finished) {
        cancelQuietly(id);
      }
    }
  }

  /** Cancels job {@code id}, ignoring failures (best effort on the way out). */
  public void cancelQuietly(String id) {
    try {
      blocking()
          .withDeadlineAfter(2, TimeUnit.SECONDS)
          .cancel(CancelRequest.newBuilder().setJobId(id).build());
    } catch (StatusRuntimeException ignored) {
      // The job ends anyway when nobody watches it.
    }
  }

  public static boolean isFinal(JobState s) {
    return s == JobState.JOB_STATE_DONE
        || s == JobState.JOB_STATE_CANCELLED
        || s == JobState.JOB_STATE_EXPIRED
        || s == JobState.JOB_STATE_FAILED;
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
}
