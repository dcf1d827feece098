package dev.bitmsg.node.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.address.IdentityGenerator;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.SeededRandomSource;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.net.Await;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.NetworkPowCheck;
import dev.bitmsg.node.wire.PowCheck;
import dev.bitmsg.node.net.TestNetwork;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.Outbox;
import dev.bitmsg.node.store.SendStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end messaging between in-process nodes over real loopback sockets with real SQLite
 * files. Proof of work takes the production path with targets eased by {@link
 * TestNetwork#EASE_BITS} on both the sending and the validating side.
 */
class MessagingNetworkTest {
  private static final Logger log = LoggerFactory.getLogger(MessagingNetworkTest.class);
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private final List<Node> nodes = new ArrayList<>();

  @TempDir Path dir;

  static MessagingSettings settings() {
    return MessagingSettings.defaults().withEaseBits(TestNetwork.EASE_BITS)
        .withCheckInterval(Duration.ofMillis(200));
  }

  private Node node(String name, List<HostPort> connect, MessagingSettings s) throws InterruptedException {
    return node(name, connect, s, TestNetwork.pow());
  }

  private Node node(String name, List<HostPort> connect, MessagingSettings s, PowCheck check)
      throws InterruptedException {
    NodeConfig config = new NodeConfig(dir.resolve(name), Optional.of(new HostPort("127.0.0.1", 0)), connect,
        false, Optional.empty(), Optional.empty(), TestNetwork.settings(), Duration.ofMinutes(10));
    Node n = Node.start(config, TestNetwork.params(), check, Clock.systemUTC(), s, Optional.empty());
    nodes.add(n);
    return n;
  }

  @AfterEach
  void stop() {
    for (Node n : nodes) {
      n.close();
    }
  }

  private static boolean hasStatus(Node n, long id, SendStatus s) {
    return n.messenger().status(id).orElseThrow().entry().status() == s;
  }

  private static long countInbox(Node n, String subject) {
    return n.messenger().inbox().stream()
        .filter(e -> n.messenger().content(e).subject().equals(subject)).count();
  }

  @Test
  void messageBothWaysWithAcks() throws Exception {
    Node a = node("a", List.of(), settings());
    Node b = node("b", List.of(TestNetwork.endpoint(a)), settings());
    Identity ia = a.messenger().createRandom("alice");
    Identity ib = b.messenger().createRandom("bob");
    String addrA = a.messenger().text(ia);
    String addrB = b.messenger().text(ib);

    long t0 = System.nanoTime();
    long id = a.messenger().send(addrA, addrB, "hello", "first message", 3600);
    Await.until(LIMIT, "ack for A->B", () -> hasStatus(a, id, SendStatus.ACK_RECEIVED));
    log.info("A->B with ack: {} ms", (System.nanoTime() - t0) / 1_000_000);
    InboxEntry got = b.messenger().inbox().get(0);
    assertEquals(addrA, got.from());
    assertEquals("first message", b.messenger().content(got).body());
    List<SendStatus> seen = a.messenger().history(id).stream().map(Outbox.Change::status).toList();
    assertTrue(seen.contains(SendStatus.SENT) || seen.contains(SendStatus.ACK_RECEIVED), seen.toString());
    assertTrue(a.messenger().status(id).orElseThrow().entry().powBy().isPresent());

    long t1 = System.nanoTime();
    long back = b.messenger().send(addrB, addrA, "re: hello", "reply", 3600);
    Await.until(LIMIT, "ack for B->A", () -> hasStatus(b, back, SendStatus.ACK_RECEIVED));
    log.info("B->A with ack (pubkey known from the msg): {} ms", (System.nanoTime() - t1) / 1_000_000);
    assertEquals(1, countInbox(a, "re: hello"));
  }

  @Test
  void broadcastReachesSubscriber() throws Exception {
    Node a = node("a", List.of(), settings());
    Node b = node("b", List.of(TestNetwork.endpoint(a)), settings());
    Identity ia = a.messenger().createRandom("news");
    String addrA = a.messenger().text(ia);
    b.messenger().subscribe(addrA, "news feed");
    long id = a.messenger().broadcast(addrA, "issue 1", "all the news", 3600);
    Await.until(LIMIT, "broadcast at B", () -> countInbox(b, "issue 1") == 1);
    assertEquals(SendStatus.SENT_NO_ACK, a.messenger().status(id).orElseThrow().entry().status());

    // A v3 sender broadcasts v4 objects (no tag): subscribers trial-decrypt with the legacy key.
    CryptoSuite crypto = BcCryptoSuite.create(new SeededRandomSource(5));
    Identity v3 = new IdentityGenerator(crypto.hashes(), crypto.keys(), crypto.random()).random(3, 1, false, "old");
    a.messenger().importIdentity(v3);
    String addrV3 = a.messenger().text(v3);
    b.messenger().subscribe(addrV3, "old feed");
    a.messenger().broadcast(addrV3, "legacy", "v4 broadcast", 3600);
    Await.until(LIMIT, "v4 broadcast at B", () -> countInbox(b, "legacy") == 1);
    assertEquals(addrV3, b.messenger().inbox().stream()
        .filter(e -> b.messenger().content(e).subject().equals("legacy")).findFirst().orElseThrow().from());
    assertEquals(0, countInbox(a, "legacy"), "the sender is not subscribed to itself");
  }

  @Test
  void chanOfThree() throws Exception {
    Node a = node("a", List.of(), settings());
    Node b = node("b", List.of(TestNetwork.endpoint(a)), settings());
    Node c = node("c", List.of(TestNetwork.endpoint(a)), settings());
    Identity chanA = a.messenger().joinChan("test chan");
    String chan = a.messenger().text(chanA);
    b.messenger().joinChan("test chan", chan);
    c.messenger().joinChan("test chan");
    long id = b.messenger().send(chan, chan, "to all", "chan body", 3600);
    for (Node n : List.of(a, b, c)) {
      Await.until(LIMIT, "chan message", () -> countInbox(n, "to all") == 1);
    }
    Await.until(LIMIT, "sent", () -> hasStatus(b, id, SendStatus.SENT_NO_ACK));
    assertTrue(c.messenger().leaveChan(chan));
    assertTrue(c.messenger().identities().isEmpty());
  }

  @Test
  void recipientOfflineThenOnline() throws Exception {
    Node b = node("b", List.of(), settings());
    Identity ib = b.messenger().createRandom("bob");
    String addrB = b.messenger().text(ib);
    Await.until(LIMIT, "B published its pubkey", () -> b.inventory().count() == 1);
    b.close();
    nodes.remove(b);

    Node a = node("a", List.of(), settings());
    String addrA = a.messenger().text(a.messenger().createRandom("alice"));
    long id = a.messenger().send(addrA, addrB, "while away", "queued", 3600);
    Await.until(LIMIT, "A waits for B's pubkey", () -> hasStatus(a, id, SendStatus.AWAITING_PUBKEY));

    long t0 = System.nanoTime();
    Node b2 = node("b", List.of(TestNetwork.endpoint(a)), settings());
    Await.until(LIMIT, "ack after B came online", () -> hasStatus(a, id, SendStatus.ACK_RECEIVED));
    log.info("offline recipient: delivered and acked {} ms after it came online",
        (System.nanoTime() - t0) / 1_000_000);
    assertEquals(1, countInbox(b2, "while away"));
  }

  @Test
  void lostAckLeadsToResendThenGivingUp() throws Exception {
    Node a = node("a", List.of(), settings().withGiveUpAfter(Duration.ofSeconds(6)));
    Node b = node("b", List.of(TestNetwork.endpoint(a)), settings().withSendAcks(false));
    String addrA = a.messenger().text(a.messenger().createRandom("alice"));
    String addrB = b.messenger().text(b.messenger().createRandom("bob"));
    long id = a.messenger().send(addrA, addrB, "short ttl", "no ack comes", 2);
    Await.until(LIMIT, "resent after the TTL", () -> a.messenger().status(id).orElseThrow().entry().retries() >= 2);
    Await.until(LIMIT, "gave up", () -> hasStatus(a, id, SendStatus.FAILED));
    long sends = a.messenger().history(id).stream().filter(c -> c.status() == SendStatus.SENT).count();
    assertTrue(sends >= 2, "sent at least twice: " + sends);
    Await.until(LIMIT, "B got the copies", () -> countInbox(b, "short ttl") >= 2);
    assertEquals(a.messenger().status(id).orElseThrow().entry().ackData(),
        a.messenger().outbox().get(0).ackData(), "same ack data across resends");
  }

  @Test
  void getpubkeyRoundTripV3AndV4() throws Exception {
    Node a = node("a", List.of(), settings());
    Node b = node("b", List.of(TestNetwork.endpoint(a)), settings());
    CryptoSuite crypto = BcCryptoSuite.create(new SeededRandomSource(42));
    IdentityGenerator gen = new IdentityGenerator(crypto.hashes(), crypto.keys(), crypto.random());
    String addrA = a.messenger().text(a.messenger().createRandom("alice"));
    for (int version : new int[] {3, 4}) {
      Identity imported = gen.random(version, 1, false, "imported v" + version);
      b.messenger().importIdentity(imported);
      String addrB = b.messenger().text(imported);
      long t0 = System.nanoTime();
      long id = a.messenger().send(addrA, addrB, "v" + version, "via getpubkey", 3600);
      Await.until(LIMIT, "ack v" + version, () -> hasStatus(a, id, SendStatus.ACK_RECEIVED));
      log.info("getpubkey round trip + msg + ack, v{}: {} ms", version, (System.nanoTime() - t0) / 1_000_000);
      assertTrue(a.messenger().history(id).stream().anyMatch(c -> c.status() == SendStatus.AWAITING_PUBKEY));
      assertEquals(1, countInbox(b, "v" + version));
    }
  }

  @Test
  void recipientDropsMsgWithLessWorkThanItDemands() throws Exception {
    Node a = node("a", List.of(), settings());
    Node b = node("b", List.of(TestNetwork.endpoint(a)), settings());
    CryptoSuite crypto = BcCryptoSuite.create(new SeededRandomSource(9));
    Identity plain = new IdentityGenerator(crypto.hashes(), crypto.keys(), crypto.random()).random(4, 1, false, "b");
    Identity demanding = new Identity(plain.address(), plain.signing(), plain.encryption(), "b", 4_096_000, 1000,
        true, false);
    b.messenger().importIdentity(demanding);
    String addrB = b.messenger().text(demanding);
    String addrA = a.messenger().text(a.messenger().createRandom("a"));
    // A believes B demands only the default: its msg carries about 1/4096 of the work B wants.
    new dev.bitmsg.node.store.sqlite.SqliteMailStore(a.database()).put(new dev.bitmsg.node.store.StoredPubkey(
        addrB, 1, dev.bitmsg.node.wire.Bytes.of(demanding.signing().publicKey().wireBytes()),
        dev.bitmsg.node.wire.Bytes.of(demanding.encryption().publicKey().wireBytes()), 1000, 1000, 0));
    long cheap = a.messenger().send(addrA, addrB, "cheap", "too little work", 3600);
    Await.until(LIMIT, "cheap msg sent", () -> hasStatus(a, cheap, SendStatus.SENT));
    new dev.bitmsg.node.store.sqlite.SqliteMailStore(a.database()).put(new dev.bitmsg.node.store.StoredPubkey(
        addrB, 1, dev.bitmsg.node.wire.Bytes.of(demanding.signing().publicKey().wireBytes()),
        dev.bitmsg.node.wire.Bytes.of(demanding.encryption().publicKey().wireBytes()), 4_096_000, 1000, 0));
    long proper = a.messenger().send(addrA, addrB, "proper", "enough work", 3600);
    Await.until(LIMIT, "proper msg acked", () -> hasStatus(a, proper, SendStatus.ACK_RECEIVED));
    assertEquals(1, countInbox(b, "proper"));
    assertEquals(0, countInbox(b, "cheap"));
    assertEquals(SendStatus.SENT, a.messenger().status(cheap).orElseThrow().entry().status(), "never acked");
  }

  /**
   * The whole exchange at the real network difficulty (no easing anywhere): pubkey (1-hour TTL to
   * keep it to seconds), msg and ack, validated by both nodes with the network rule.
   */
  @Test
  void realNetworkDifficulty() throws Exception {
    MessagingSettings real = MessagingSettings.defaults().withCheckInterval(Duration.ofMillis(200))
        .withPubkeyTtlSeconds(3600);
    Node a = node("a", List.of(), real, NetworkPowCheck.network());
    Node b = node("b", List.of(TestNetwork.endpoint(a)), real, NetworkPowCheck.network());
    String addrA = a.messenger().text(a.messenger().createRandom("alice"));
    String addrB = b.messenger().text(b.messenger().createRandom("bob"));
    long t0 = System.nanoTime();
    long id = a.messenger().send(addrA, addrB, "real", "network difficulty", 3600);
    Await.until(Duration.ofSeconds(120), "ack at real difficulty", () -> hasStatus(a, id, SendStatus.ACK_RECEIVED));
    log.info("real difficulty: pubkey + msg + ack in {} ms", (System.nanoTime() - t0) / 1_000_000);
    assertEquals(1, countInbox(b, "real"));
  }
}
