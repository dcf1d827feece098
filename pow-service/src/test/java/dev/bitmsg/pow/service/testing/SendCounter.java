package dev.bitmsg.pow.service.testing;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts, over the calls of one method, the messages the server writes and how often it asks
 * whether the stream is ready: what a test needs to see that a stream honours flow control.
 * Thread-safe.
 */
public final class SendCounter implements ServerInterceptor {
  private final String method;
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger readyChecks = new AtomicInteger();

  /**
   * Counts the calls of {@code fullMethodName}, e.g. {@code bitmessage.pow.v1.ProofOfWork/Watch}.
   */
  public SendCounter(String fullMethodName) {
    this.method = fullMethodName;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (!call.getMethodDescriptor().getFullMethodName().equals(method)) {
      return next.startCall(call, headers);
    }
    return next.startCall(
        new SimpleForwardingServerCall<>(call) {
          @Override
          public void sendMessage(R message) {
            sent.incrementAndGet();
            super.sendMessage(message);
          }

          @Override
          public boolean isReady() {
            readyChecks.incrementAndGet();
            return super.isReady();
          }
        },
        headers);
  }

  public int sent() {
    return sent.get();
  }

  /** Waits (bounded, 60 s) until the server has asked at least {@code n} more times. */
  public void awaitReadyChecks(int n) throws InterruptedException {
    int target = readyChecks.get() + n;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (readyChecks.get() < target) {
      if (System.nanoTime() > end) {
        throw new AssertionError(
            "the server asked isReady " + readyChecks.get() + " times, expected " + target);
      }
      Thread.sleep(10);
    }
  }
}
