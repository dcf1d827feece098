package dev.bitmsg.node.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeSetup;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.testing.BasicAuth;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.node.v1.NodeEvent;
import dev.bitmsg.node.v1.NodeEventsGrpc;
import dev.bitmsg.node.v1.SubscribeRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push stream over real loopback gRPC: status changes, inbox, connections; credentials
 * required.
 */
class EventsServerTest {
  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();
  private @Nullable ManagedChannel channel;

  private Node node(String name, List<HostPort> connect, boolean events)
      throws IOException, InterruptedException {
    NodeSetup setup = TestNetwork.setup(dir.resolve(name), 0, connect);
    if (events) {
      setup =
          setup
              .withApi(new ApiSettings("127.0.0.1", 0, "u", "pw", ApiSettings.Variant.XML, false))
              .withEvents(new HostPort("127.0.0.1", 0));
    }
    Node n = NodeAssembly.start(setup);
    open.add(0, n);
    return n;
  }

  @AfterEach
  void close() throws Exception {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private final List<NodeEvent> seen = new ArrayList<>();

  /**
   * The first event (seen before or arriving now) matching {@code wanted}; events arrive in the
   * order the changes were made.
   */
  private NodeEvent next(Iterator<NodeEvent> it, Predicate<NodeEvent> wanted) {
    for (NodeEvent e : seen) {
      if (wanted.test(e)) {
        return e;
      }
    }
    for (int i = 0; i < 1000; i++) {
      NodeEvent e = it.next();
      seen.add(e);
      if (wanted.test(e)) {
        return e;
      }
    }
    throw new AssertionError("event not seen in " + seen);
  }

  @Test
  void streamsStatusInboxAndConnections() throws Exception {
    Node a = node("a", List.of(), true);
    channel =
        NettyChannelBuilder.forAddress("127.0.0.1", a.eventsPort().orElseThrow())
            .usePlaintext()
            .build();
    NodeEventsGrpc.NodeEventsBlockingStub stub =
        NodeEventsGrpc.newBlockingStub(channel).withDeadlineAfter(120, TimeUnit.SECONDS);

    StatusRuntimeException denied =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                stub.withCallCredentials(new BasicAuth("u", "wrong"))
                    .subscribe(SubscribeRequest.getDefaultInstance())
                    .next());
    assertEquals(Status.Code.UNAUTHENTICATED, denied.getStatus().getCode());

    Iterator<NodeEvent> events =
        stub.withCallCredentials(new BasicAuth("u", "pw"))
            .subscribe(SubscribeRequest.getDefaultInstance());
    NodeEvent hello = events.next();
    assertTrue(hello.hasHello(), hello.toString());

    String me = a.messenger().text(a.messenger().createRandom("me"));
    a.messenger().send(me, me, "pushed", "body", 3600);
    NodeEvent queued = next(events, NodeEvent::hasStatusChange);
    assertEquals(me, queued.getStatusChange().getToAddress());
    NodeEvent sent =
        next(
            events,
            e ->
                e.hasStatusChange()
                    && e.getStatusChange().getStatus().equals("msgsentnoackexpected"));
    assertEquals(76, sent.getStatusChange().getAckData().length());
    NodeEvent inbox = next(events, NodeEvent::hasInboxMessage);
    assertEquals("pushed", inbox.getInboxMessage().getSubject());
    assertEquals(me, inbox.getInboxMessage().getFromAddress());

    node("b", List.of(TestNetwork.endpoint(a)), false);
    NodeEvent conn = next(events, NodeEvent::hasConnectionChange);
    assertTrue(
        conn.getConnectionChange().getConnected() && conn.getConnectionChange().getInbound(),
        conn.toString());
    assertEquals(1, conn.getConnectionChange().getConnections());
  }
}
