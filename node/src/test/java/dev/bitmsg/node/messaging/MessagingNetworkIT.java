package dev.bitmsg.node.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.address.IdentityGenerator;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.app.NodeSetup;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.SeededRandomSource;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.Outbox;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.store.StoredPubkey;
import dev.bitmsg.node.store.sqlite.SqliteDatabase;
import dev.bitmsg.node.store.sqlite.SqlitePubkeys;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.PowServiceProcess;
import dev.bitmsg.node.testing.ServiceSolves;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.pow.Difficulty;
import dev.bitmsg.pow.PowRules;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end messaging between in-process nodes over real loopback sockets with real SQLite files.
 * Every proof of work of the senders (pubkeys, getpubkeys, msgs and their acks, broadcasts) goes to
 * the real PoW service in its own process ({@link PowServiceProcess}), with targets eased by {@link
 * TestNetwork#EASE_BITS} on both the sending and the validating side; each test checks the service
 * did all of it and the outbox says so. Timings are printed as {@code e2e ...} lines.
 */
@NetworkTest
class MessagingNetworkIT {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private final List<Node> nodes = new ArrayList<>();
  private final PowServiceProcess service = PowServiceProcess.shared();
  private ServiceSolves solves;
  private String test;

  @TempDir Path dir;

  @BeforeEach
  void record(TestInfo info) {
    solves = new ServiceSolves(service);
    test = info.getTestMethod().orElseThrow().getName();
  }

  static MessagingSettings settings() {
    return MessagingSettings.defaults().withCheckInterval(Duration.ofMillis(200));
  }

  private Node node(String name, List<HostPort> connect, MessagingSettings s)
      throws IOException, InterruptedException {
    return node(name, connect, s, TestNetwork.RULES);
  }

  private Node node(String name, List<HostPort> connect, MessagingSettings s, PowRules rules)
      throws IOException, InterruptedException {
    NodeConfig config =
        new NodeConfig(
            dir.resolve(name),
            Optional.of(new HostPort("127.0.0.1", 0)),
            connect,
            false,
            Optional.of(new NodeConfig.PowService(service.endpoint(), PowServiceProcess.TOKEN)),
            TestNetwork.settings(),
            Duration.ofMinutes(10));
    Node n =
        NodeAssembly.start(
            NodeSetup.of(config, TestNetwork.params(), rules)
                .withMessaging(s)
                .withPowWrapper(solves::wrap));
    nodes.add(n);
    return n;
  }

  private void timing(String flow, long t0) {
    System.out.printf(
        Locale.ROOT,
        "e2e %s.%s: %s in %d ms (PoW by the service)%n",
        getClass().getSimpleName(),
        test,
        flow,
        (System.nanoTime() - t0) / 1_000_000);
  }

  /** The outbox row names the service as the one that did its proof of work. */
  private void powByService(Node n, long id) {
    String by = n.messenger().status(id).orElseThrow().entry().powBy().orElseThrow();
    assertTrue(by.startsWith(service.remoteName() + " (cpu"), by);
  }

  @AfterEach
  void stop() {
    for (Node n : nodes) {
      n.close();
    }
  }

  /** Stores {@code id}'s keys as {@code address}'s pubkey at {@code node}, demanding {@code d}. */
  private void storePubkey(String node, String address, Identity id, Difficulty d) {
    // A second connection to the running node's database (WAL allows it).
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve(node).resolve("node.db"))) {
      new SqlitePubkeys(db)
          .put(
              new StoredPubkey(
                  address,
                  1,
                  Bytes.of(id.signing().publicKey().wireBytes()),
                  Bytes.of(id.encryption().publicKey().wireBytes()),
                  d,
                  0));
    }
  }

  /**
   * The status history of an acknowledged message, in order: queued first, its proof of work done,
   * then sent (unless the ack overtook that write; the outbox keeps ACK_RECEIVED), and the ack
   * last.
   */
  private static void assertSentThenAcked(List<SendStatus> seen) {
    assertEquals(SendStatus.QUEUED, seen.get(0), seen.toString());
    assertEquals(SendStatus.ACK_RECEIVED, seen.get(seen.size() - 1), seen.toString());
    assertEquals(
        1, seen.stream().filter(s -> s == SendStatus.ACK_RECEIVED).count(), seen::toString);
    int pow = seen.indexOf(SendStatus.DOING_POW);
    assertTrue(pow > 0, "proof of work recorded: " + seen);
    int sent = seen.indexOf(SendStatus.SENT);
    assertTrue(sent == -1 || sent > pow, "sent after the proof of work: " + seen);
  }

  private static boolean hasStatus(Node n, long id, SendStatus s) {
    return n.messenger().status(id).orElseThrow().entry().status() == s;
  }

  private static long countInbox(Node n, String subject) {
    return n.messenger().inbox().stream()
        .filter(e -> n.messenger().content(e).subject().equals(subject))
        .count();
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
    timing("A->B msg, ack received", t0);
    InboxEntry got = b.messenger().inbox().get(0);
    assertEquals(addrA, got.from());
    assertEquals("first message", b.messenger().content(got).body());
    assertSentThenAcked(a.messenger().history(id).stream().map(Outbox.Change::status).toList());
    powByService(a, id);

    long t1 = System.nanoTime();
    long back = b.messenger().send(addrB, addrA, "re: hello", "reply", 3600);
    Await.until(LIMIT, "ack for B->A", () -> hasStatus(b, back, SendStatus.ACK_RECEIVED));
    timing("B->A msg, ack received (pubkey known from the msg)", t1);
    assertEquals(1, countInbox(a, "re: hello"));
    powByService(b, back);
    solves.assertAllByService(6); // pubkeys of A and B, msg + ack each way
  }

  @Test
  void broadcastReachesSubscriber() throws Exception {
    Node a = node("a", List.of(), settings());
    Node b = node("b", List.of(TestNetwork.endpoint(a)), settings());
    Identity ia = a.messenger().createRandom("news");
    String addrA = a.messenger().text(ia);
    b.messenger().subscribe(addrA, "news feed");
    long t0 = System.nanoTime();
    long id = a.messenger().broadcast(addrA, "issue 1", "all the news", 3600);
    Await.until(LIMIT, "broadcast at B", () -> countInbox(b, "issue 1") == 1);
    timing("v4 broadcast to a subscriber", t0);
    assertEquals(SendStatus.SENT_NO_ACK, a.messenger().status(id).orElseThrow().entry().status());
    powByService(a, id);

    // A v3 sender broadcasts v4 objects (no tag): subscribers trial-decrypt with the legacy key.
    CryptoSuite crypto = BcCryptoSuite.create(new SeededRandomSource(5));
    Identity v3 =
        new IdentityGenerator(crypto.hashes(), crypto.keys(), crypto.random())
            .random(3, 1, false, "old");
    a.messenger().importIdentity(v3);
    String addrV3 = a.messenger().text(v3);
    b.messenger().subscribe(addrV3, "old feed");
    long t1 = System.nanoTime();
    long legacy = a.messenger().broadcast(addrV3, "legacy", "v4 broadcast", 3600);
    Await.until(LIMIT, "v4 broadcast at B", () -> countInbox(b, "legacy") == 1);
    timing("broadcast of a v3 address to a subscriber", t1);
    powByService(a, legacy);
    assertEquals(
        addrV3,
        b.messenger().inbox().stream()
            .filter(e -> b.messenger().content(e).subject().equals("legacy"))
            .findFirst()
            .orElseThrow()
            .from());
    assertEquals(0, countInbox(a, "legacy"), "the sender is not subscribed to itself");
    solves.assertAllByService(3); // A's pubkey, two broadcasts
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
    long t0 = System.nanoTime();
    long id = b.messenger().send(chan, chan, "to all", "chan body", 3600);
    for (Node n : List.of(a, b, c)) {
      Await.until(LIMIT, "chan message", () -> countInbox(n, "to all") == 1);
    }
    timing("chan msg reached all three members", t0);
    Await.until(LIMIT, "sent", () -> hasStatus(b, id, SendStatus.SENT_NO_ACK));
    powByService(b, id);
    solves.assertAllByService(1);
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
    Await.until(
        LIMIT, "A waits for B's pubkey", () -> hasStatus(a, id, SendStatus.AWAITING_PUBKEY));

    long t0 = System.nanoTime();
    Node b2 = node("b", List.of(TestNetwork.endpoint(a)), settings());
    Await.until(LIMIT, "ack after B came online", () -> hasStatus(a, id, SendStatus.ACK_RECEIVED));
    timing("offline recipient: msg delivered and ack received after it came online", t0);
    assertEquals(1, countInbox(b2, "while away"));
    powByService(a, id);
    solves.assertAllByService(4); // pubkeys of A and B, msg + ack
  }

  @Test
  void lostAckLeadsToResendThenGivingUp() throws Exception {
    Node a = node("a", List.of(), settings().withGiveUpAfter(Duration.ofSeconds(6)));
    Node b = node("b", List.of(TestNetwork.endpoint(a)), settings().withSendAcks(false));
    String addrA = a.messenger().text(a.messenger().createRandom("alice"));
    String addrB = b.messenger().text(b.messenger().createRandom("bob"));
    long t0 = System.nanoTime();
    long id = a.messenger().send(addrA, addrB, "short ttl", "no ack comes", 2);
    Await.until(
        LIMIT,
        "sent",
        () -> a.messenger().history(id).stream().anyMatch(c -> c.status() == SendStatus.SENT));
    timing("first send of a msg whose ack is lost", t0);
    Await.until(
        LIMIT,
        "resent after the TTL",
        () -> a.messenger().status(id).orElseThrow().entry().retries() >= 2);
    timing("two resends (new PoW each) after the lost ack", t0);
    Await.until(LIMIT, "gave up", () -> hasStatus(a, id, SendStatus.FAILED));
    long sends =
        a.messenger().history(id).stream().filter(c -> c.status() == SendStatus.SENT).count();
    assertTrue(sends >= 2, "sent at least twice: " + sends);
    Await.until(LIMIT, "B got the copies", () -> countInbox(b, "short ttl") >= 2);
    assertEquals(
        a.messenger().status(id).orElseThrow().entry().ackData(),
        a.messenger().outbox().get(0).ackData(),
        "same ack data across resends");
    powByService(a, id);
    // pubkeys of A and B, then at least a msg for the first send and each resend
    solves.assertAllByService(2 + (int) sends);
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
      timing("v" + version + " getpubkey round trip, then msg and ack received", t0);
      assertTrue(
          a.messenger().history(id).stream()
              .anyMatch(c -> c.status() == SendStatus.AWAITING_PUBKEY));
      assertEquals(1, countInbox(b, "v" + version));
      powByService(a, id);
    }
    solves.assertAllByService(9); // per version: getpubkey, pubkey, msg, ack; A's pubkey
  }

  @Test
  void recipientDropsMsgWithLessWorkThanItDemands() throws Exception {
    Node a = node("a", List.of(), settings());
    Node b = node("b", List.of(TestNetwork.endpoint(a)), settings());
    CryptoSuite crypto = BcCryptoSuite.create(new SeededRandomSource(9));
    Identity plain =
        new IdentityGenerator(crypto.hashes(), crypto.keys(), crypto.random())
            .random(4, 1, false, "b");
    Identity demanding =
        new Identity(
            plain.address(),
            plain.signing(),
            plain.encryption(),
            "b",
            new Difficulty(4_096_000, 1000),
            true,
            false);
    b.messenger().importIdentity(demanding);
    String addrB = b.messenger().text(demanding);
    String addrA = a.messenger().text(a.messenger().createRandom("a"));
    // A believes B demands only the default: its msg carries about 1/4096 of the work B wants.
    storePubkey("a", addrB, demanding, Difficulty.NETWORK_DEFAULT);
    long cheap = a.messenger().send(addrA, addrB, "cheap", "too little work", 3600);
    Await.until(LIMIT, "cheap msg sent", () -> hasStatus(a, cheap, SendStatus.SENT));
    storePubkey("a", addrB, demanding, new Difficulty(4_096_000, 1000));
    long proper = a.messenger().send(addrA, addrB, "proper", "enough work", 3600);
    Await.until(LIMIT, "proper msg acked", () -> hasStatus(a, proper, SendStatus.ACK_RECEIVED));
    assertEquals(1, countInbox(b, "proper"));
    assertEquals(0, countInbox(b, "cheap"));
    assertEquals(
        SendStatus.SENT, a.messenger().status(cheap).orElseThrow().entry().status(), "never acked");
    powByService(a, proper);
    solves.assertAllByService(5); // A's pubkey, msg + ack twice
  }

  /**
   * The whole exchange at the real network difficulty (no easing anywhere): pubkey (1-hour TTL to
   * keep it to seconds), msg and ack, validated by both nodes with the network rule.
   */
  @Test
  void realNetworkDifficulty() throws Exception {
    MessagingSettings real =
        MessagingSettings.defaults()
            .withCheckInterval(Duration.ofMillis(200))
            .withPubkeyTtlSeconds(3600);
    Node a = node("a", List.of(), real, PowRules.NETWORK);
    Node b = node("b", List.of(TestNetwork.endpoint(a)), real, PowRules.NETWORK);
    String addrA = a.messenger().text(a.messenger().createRandom("alice"));
    String addrB = b.messenger().text(b.messenger().createRandom("bob"));
    long t0 = System.nanoTime();
    long id = a.messenger().send(addrA, addrB, "real", "network difficulty", 3600);
    Await.until(
        Duration.ofMinutes(2),
        "ack at real difficulty",
        () -> hasStatus(a, id, SendStatus.ACK_RECEIVED));
    timing("real network difficulty: msg and ack received", t0);
    assertEquals(1, countInbox(b, "real"));
    powByService(a, id);
    solves.assertAllByService(4);
  }
}
