package dev.bitmsg.node.app;

import dev.bitmsg.node.store.Inbox;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.v1.NodeEvent;
import dev.bitmsg.node.v1.NodeEventsGrpc;
import dev.bitmsg.node.v1.SubscribeRequest;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Measures how long a received message takes to reach a client of the node's push stream: a
 * subscriber on the real gRPC stream (loopback, API credentials), and for each probe one message
 * filed in the node's inbox as the receiver files one (committed, then told to the listeners); the
 * time from before the insert to the arrival of its event at the subscriber. One probe at a time.
 * Not thread-safe (one use).
 */
final class EventLatencyProbe implements AutoCloseable {
  private static final long WAIT_SECONDS = 30;
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** Arrival of an inbox event: its msgid and the time it was read. */
  private record Arrival(String msgid, long nanos) {}

  private final ManagedChannel channel;
  private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();

  /** Subscribes to the inbox events on {@code port} and waits for the stream's Hello. */
  EventLatencyProbe(int port, String user, String password) throws InterruptedException {
    this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    NodeEventsGrpc.newStub(channel)
        .withCallCredentials(new Basic(user, password))
        .subscribe(
            SubscribeRequest.newBuilder().setInbox(true).build(),
            new StreamObserver<>() {
              @Override
              public void onNext(NodeEvent e) {
                long now = System.nanoTime();
                arrivals.add(
                    e.hasInboxMessage() ? new Arrival(e.getInboxMessage().getMsgid(), now) : e);
              }

              @Override
              public void onError(Throwable t) {
                arrivals.add(t);
              }

              @Override
              public void onCompleted() {
                arrivals.add(Status.CANCELLED.withDescription("stream ended").asException());
              }
            });
    Object first = next("the stream's hello");
    if (!(first instanceof NodeEvent e) || !e.hasHello()) {
      throw new IllegalStateException("events stream began with " + first);
    }
  }

  /**
   * Files {@code probes} messages made by {@code message} (given an index) into {@code inbox} one
   * after the other, each once the event of the one before arrived; returns the latencies sorted,
   * in milliseconds.
   */
  double[] measure(Inbox inbox, int probes, LongFunction<InboxEntry> message)
      throws InterruptedException {
    double[] ms = new double[probes];
    for (int i = 0; i < probes; i++) {
      InboxEntry e = message.apply(i);
      String msgid = e.sigHash().toHex();
      long t0 = System.nanoTime();
      if (!inbox.add(e)) {
        throw new IllegalStateException("probe message was not new: " + msgid);
      }
      while (true) {
        Object got = next("the event of probe " + i);
        if (got instanceof Arrival a && a.msgid().equals(msgid)) {
          ms[i] = (a.nanos() - t0) / 1e6;
          break;
        }
      }
    }
    Arrays.sort(ms);
    return ms;
  }

  private Object next(String what) throws InterruptedException {
    Object got = arrivals.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    if (got == null) {
      throw new IllegalStateException("no event within " + WAIT_SECONDS + " s: " + what);
    }
    if (got instanceof Throwable t) {
      throw new IllegalStateException("events stream failed waiting for " + what + ": " + t, t);
    }
    return got;
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

  /** The API credentials as Basic authorization on the call, as event clients send them. */
  private static final class Basic extends CallCredentials {
    private final String header;

    Basic(String user, String password) {
      this.header =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
      Metadata m = new Metadata();
      m.put(AUTHORIZATION, header);
      applier.apply(m);
    }
  }
}
