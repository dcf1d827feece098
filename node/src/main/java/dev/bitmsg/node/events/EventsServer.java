package dev.bitmsg.node.events;

import dev.bitmsg.node.v1.NodeEvent;
import dev.bitmsg.node.v1.NodeEventsGrpc;
import dev.bitmsg.node.v1.SubscribeRequest;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The node's gRPC push stream ({@code bitmessage.node.v1.NodeEvents}): serves {@link EventHub}
 * events to subscribers that present the client API credentials as Basic authorization metadata.
 * Owns the hub it serves: closing the server closes the hub. Thread-safe.
 */
public final class EventsServer implements AutoCloseable {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final EventHub hub;
  private final Server server;

  private EventsServer(EventHub hub, Server server) {
    this.hub = hub;
    this.server = server;
  }

  /** Starts serving {@code hub}'s events on {@code host:port} (0: a free port). */
  public static EventsServer start(
      EventHub hub, String host, int port, String user, String password) throws IOException {
    byte[] expected =
        ("Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
            .getBytes(StandardCharsets.UTF_8);
    ServerInterceptor auth =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            String a = headers.get(AUTHORIZATION);
            if (a == null || !MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), expected)) {
              call.close(
                  Status.UNAUTHENTICATED.withDescription(
                      "Basic credentials of the node API required"),
                  new Metadata());
              return new ServerCall.Listener<>() {};
            }
            return next.startCall(call, headers);
          }
        };
    NodeEventsGrpc.NodeEventsImplBase service =
        new NodeEventsGrpc.NodeEventsImplBase() {
          @Override
          public void subscribe(SubscribeRequest request, StreamObserver<NodeEvent> observer) {
            ServerCallStreamObserver<NodeEvent> out =
                (ServerCallStreamObserver<NodeEvent>) observer;
            boolean all =
                !request.getInbox()
                    && !request.getSentStatus()
                    && !request.getConnections()
                    && !request.getPubkeyWork();
            Consumer<NodeEvent> subscriber =
                new Consumer<>() {
                  @Override
                  public void accept(NodeEvent e) {
                    boolean wanted =
                        all
                            || e.hasHello()
                            || (request.getInbox() && e.hasInboxMessage())
                            || (request.getSentStatus() && e.hasStatusChange())
                            || (request.getConnections() && e.hasConnectionChange())
                            || (request.getPubkeyWork() && e.hasPubkeyWorkChange());
                    if (wanted) {
                      synchronized (this) {
                        if (out.isCancelled()) {
                          throw new IllegalStateException("cancelled");
                        }
                        out.onNext(e);
                      }
                    }
                  }
                };
            out.setOnCancelHandler(() -> hub.unsubscribe(subscriber));
            hub.subscribe(subscriber);
          }
        };
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
            .addService(ServerInterceptors.intercept(service, auth))
            .build()
            .start();
    return new EventsServer(hub, server);
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    hub.close();
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
