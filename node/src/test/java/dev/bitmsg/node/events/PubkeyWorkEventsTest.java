package dev.bitmsg.node.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.bitmsg.node.v1.PubkeyWorkChange;
import dev.bitmsg.node.v1.SubscribeRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push stream carries every state change of pubkey work, over real loopback gRPC: a client
 * subscribed to pubkey work only sees the pubkey of a new address go queued, doingpow, sent (the
 * eased PoW is shorter than the hub's poll, so a snapshot comparison would skip doingpow).
 */
class PubkeyWorkEventsTest {
  @TempDir Path dir;

  @Test
  void newAddress_pubkeyJobGoesQueuedDoingPowSent() throws Exception {
    NodeSetup setup =
        TestNetwork.setup(dir.resolve("a"), 0, List.of())
            .withApi(new ApiSettings("127.0.0.1", 0, "u", "pw", ApiSettings.Variant.XML, false))
            .withEvents(new HostPort("127.0.0.1", 0));
    ManagedChannel channel = null;
    try (Node a = NodeAssembly.start(setup)) {
      channel =
          NettyChannelBuilder.forAddress("127.0.0.1", a.eventsPort().orElseThrow())
              .usePlaintext()
              .build();
      Iterator<NodeEvent> events =
          NodeEventsGrpc.newBlockingStub(channel)
              .withDeadlineAfter(120, TimeUnit.SECONDS)
              .withCallCredentials(new BasicAuth("u", "pw"))
              .subscribe(SubscribeRequest.newBuilder().setPubkeyWork(true).build());
      assertTrue(events.next().hasHello());

      String me = a.messenger().text(a.messenger().createRandom("me"));
      List<PubkeyWorkChange> changes = new ArrayList<>();
      for (int i = 0;
          i < 100
              && (changes.isEmpty() || !changes.get(changes.size() - 1).getStatus().equals("sent"));
          i++) {
        NodeEvent e = events.next();
        assertTrue(e.hasPubkeyWorkChange(), "only pubkey work was asked for: " + e);
        changes.add(e.getPubkeyWorkChange());
      }
      assertEquals(
          List.of("queued", "doingpow", "sent"),
          changes.stream().map(PubkeyWorkChange::getStatus).toList(),
          changes.toString());
      assertEquals(
          List.of("", "queued", "doingpow"),
          changes.stream().map(PubkeyWorkChange::getPreviousStatus).toList());
      for (PubkeyWorkChange c : changes) {
        assertEquals("pubkey", c.getKind());
        assertEquals(me, c.getAddress());
        assertEquals("new address", c.getReason());
        assertEquals(changes.get(0).getJobId(), c.getJobId());
      }
      assertFalse(changes.get(2).getPowBy().isEmpty(), "who did the work: " + changes.get(2));
      assertEquals(
          changes.get(0).getJobId(),
          a.messenger().powJobs(10).get(0).id(),
          "the job id of listPubkeyWork");
    } finally {
      if (channel != null) {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
