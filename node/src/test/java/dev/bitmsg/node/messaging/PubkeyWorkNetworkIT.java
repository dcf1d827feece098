package dev.bitmsg.node.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.AddressCrypto;
import dev.bitmsg.node.address.BitmessageAddress;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.address.IdentityGenerator;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.SeededRandomSource;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.pow.EnginePowProvider;
import dev.bitmsg.node.pow.PowProvider;
import dev.bitmsg.node.store.InventoryItem;
import dev.bitmsg.node.store.PubkeyWorkJob;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.LogEvents;
import dev.bitmsg.node.testing.MutableClock;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.PowGate;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ObjectType;
import dev.bitmsg.pow.Difficulty;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Own pubkeys as persistent work, on in-process nodes over loopback with real SQLite files:
 * getpubkeys for an own address are answered once while the pubkey is live (and never for chans or
 * disabled addresses); the pubkey is re-published when it is as old as its TTL (injected clock).
 */
@NetworkTest
class PubkeyWorkNetworkIT {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private final CryptoSuite crypto = BcCryptoSuite.create(new SeededRandomSource(21));
  private final AddressCodec codec = new AddressCodec(crypto.hashes());
  private final AddressCrypto addressCrypto = new AddressCrypto(crypto.hashes(), crypto.keys());
  private final IdentityGenerator gen =
      new IdentityGenerator(crypto.hashes(), crypto.keys(), crypto.random());
  private final ObjectFactory factory =
      new ObjectFactory(addressCrypto, crypto.signer(), crypto.ecies());
  private final List<Node> nodes = new ArrayList<>();
  private final List<LogEvents> logs = new ArrayList<>();
  private final EnginePowProvider cpu = EnginePowProvider.cpu(1);

  @TempDir Path dir;

  @AfterEach
  void stop() {
    for (Node n : nodes) {
      n.close();
    }
    cpu.close();
    logs.forEach(LogEvents::close);
  }

  @Test
  void getpubkeyAnsweredOnceEvenIfAskedTwiceNeverForChansOrDisabled() throws Exception {
    PowGate gate = new PowGate(); // holds A's answer until both asks for it are in
    Node a = node("a", List.of(), Clock.systemUTC(), gate::wrap);
    Node b = node("b", List.of(TestNetwork.endpoint(a)), Clock.systemUTC(), p -> p);
    Identity me = gen.random(4, 1, false, "imported");
    a.messenger().importIdentity(me); // imported: no pubkey published until someone asks
    Identity off = gen.random(4, 1, false, "disabled");
    a.messenger().importIdentity(off);
    a.messenger().setEnabled(codec.encode(off.address()), false);
    Identity chan = a.messenger().joinChan("pubkey work chan");
    String addr = codec.encode(me.address());
    assertTrue(pubkeyJobs(a).isEmpty());

    LogEvents receiver = logs(LogEvents.of(ReceiveWorkers.class));
    long now = Instant.now().getEpochSecond();
    ObjectMessage ask1 = getpubkey(me.address(), now, now + 3600);
    ObjectMessage ask2 = getpubkey(me.address(), now, now + 3700);
    ObjectMessage askOff = getpubkey(off.address(), now, now + 3600);
    ObjectMessage askChan = getpubkey(chan.address(), now, now + 3600);
    for (ObjectMessage o : List.of(ask1, ask2, askOff, askChan)) {
      b.peers().submit(o);
    }
    // Both receivers (B's, which made the asks, and A's) are done with every ask, A's answer still
    // held: whatever work an ask makes is stored by then, and the second ask joined the first's.
    for (ObjectMessage o : List.of(ask1, ask2, askOff, askChan)) {
      receiver.awaitArgument(LIMIT, "both nodes processed an ask", o.inventoryVector(), 2);
    }
    assertEquals(1, pubkeyJobs(a).size(), "two asks, one pending job: " + pubkeyJobs(a));
    gate.open();
    Await.until(LIMIT, () -> "pubkey answer, jobs " + pubkeyJobs(a), () -> sent(a, addr) == 1);
    Await.until(LIMIT, "the answer reached B", () -> pubkeysOf(b, me.address()) == 1);

    // Asked once more after the answer went out: the pubkey is live, no new work.
    ObjectMessage ask3 = getpubkey(me.address(), now, now + 3800);
    b.peers().submit(ask3);
    receiver.awaitArgument(LIMIT, "both nodes processed the third ask", ask3.inventoryVector(), 2);
    List<PubkeyWorkJob> jobs = pubkeyJobs(a);
    assertEquals(1, jobs.size(), "one job for three asks: " + jobs);
    assertEquals(addr, jobs.get(0).address());
    assertEquals("getpubkey", jobs.get(0).reason());
    assertEquals(1, pubkeysOf(a, me.address()), "one pubkey object in the inventory");
    assertEquals(0, pubkeysOf(a, off.address()), "a disabled address does not answer");
    assertEquals(0, pubkeysOf(a, chan.address()), "a chan never publishes");
  }

  @Test
  void pubkeyRepublishedWhenAsOldAsItsTtl() throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    Node a = node("a", List.of(), clock, p -> p);
    // An identity a day older than "me": its re-publications fall due while me's pubkey is live.
    // A re-publication of it queued on the advanced clock proves that the periodic check, which
    // looks at every identity in one pass, has looked at me on that clock too.
    String older = codec.encode(a.messenger().createRandom("older").address());
    Await.until(LIMIT, "first publication of the older identity", () -> sent(a, older) == 1);
    clock.advance(Duration.ofDays(1).plusSeconds(1));
    Identity me = a.messenger().createRandom("me");
    String addr = codec.encode(me.address());
    Await.until(LIMIT, "first publication", () -> sent(a, addr) == 1);
    assertEquals("new address", jobsOf(a, addr).get(0).reason());
    assertEquals(1, pubkeysOf(a, me.address()));

    // 27 days on: the pubkey is live; neither the periodic check nor a getpubkey makes another.
    clock.advance(Duration.ofDays(27));
    long now = clock.instant().getEpochSecond();
    ObjectMessage ask = getpubkey(me.address(), now, now + 3600);
    LogEvents receiver = logs(LogEvents.of(ReceiveWorkers.class));
    a.peers().submit(ask);
    receiver.awaitArgument(LIMIT, "A processed the getpubkey", ask.inventoryVector(), 1);
    awaitRepublishedSince(a, older, now);
    assertEquals(1, jobsOf(a, addr).size(), "live pubkey: " + jobsOf(a, addr));

    clock.advance(Duration.ofDays(1).plusSeconds(1));
    Await.until(LIMIT, () -> "re-publication, jobs " + jobsOf(a, addr), () -> sent(a, addr) >= 2);
    PubkeyWorkJob again = jobsOf(a, addr).get(0);
    assertEquals("re-publish", again.reason());
    assertTrue(
        again.expires() > clock.instant().getEpochSecond() + Duration.ofDays(27).toSeconds(),
        "the new pubkey lives another 28 days");
    assertEquals(2, pubkeysOf(a, me.address()));
    clock.advance(Duration.ofDays(27));
    awaitRepublishedSince(a, older, clock.instant().getEpochSecond());
    assertEquals(2, jobsOf(a, addr).size(), "re-published once: " + jobsOf(a, addr));
  }

  private LogEvents logs(LogEvents l) {
    logs.add(l);
    return l;
  }

  private ObjectMessage getpubkey(BitmessageAddress address, long now, long expires)
      throws InterruptedException {
    PowWorker pow = new PowWorker(cpu, TestNetwork.RULES);
    return pow.solve(factory.getpubkey(address, expires), now, Difficulty.NETWORK_DEFAULT, p -> {})
        .object();
  }

  private static List<PubkeyWorkJob> pubkeyJobs(Node n) {
    return n.messenger().powJobs(100).stream()
        .filter(j -> j.kind() == PubkeyWorkJob.Kind.PUBKEY)
        .toList();
  }

  /** Waits for a re-publication of {@code address} queued at {@code since} or later, sent. */
  private static void awaitRepublishedSince(Node n, String address, long since) {
    Await.until(
        LIMIT,
        () ->
            "re-publication of " + address + " queued at " + since + ", jobs " + jobsOf(n, address),
        () ->
            jobsOf(n, address).stream()
                .anyMatch(
                    j ->
                        j.reason().equals("re-publish")
                            && j.created() >= since
                            && j.state() == PubkeyWorkJob.State.SENT));
  }

  private static List<PubkeyWorkJob> jobsOf(Node n, String address) {
    return pubkeyJobs(n).stream().filter(j -> j.address().equals(address)).toList();
  }

  private static long sent(Node n, String address) {
    return jobsOf(n, address).stream().filter(j -> j.state() == PubkeyWorkJob.State.SENT).count();
  }

  private int pubkeysOf(Node n, BitmessageAddress address) {
    List<InventoryItem> items =
        n.inventory().byTag(ObjectType.PUBKEY, Bytes.of(addressCrypto.tag(address).bytes()));
    return items.size();
  }

  private Node node(
      String name, List<HostPort> connect, Clock clock, UnaryOperator<PowProvider> powWrapper)
      throws IOException, InterruptedException {
    NodeConfig config =
        new NodeConfig(
            dir.resolve(name),
            Optional.of(new HostPort("127.0.0.1", 0)),
            connect,
            false,
            Optional.empty(),
            TestNetwork.settings(),
            Duration.ofMinutes(10));
    Node n =
        NodeAssembly.start(
            TestNetwork.setup(config)
                .withMessaging(TestNetwork.messaging())
                .withClock(clock)
                .withPowWrapper(powWrapper));
    nodes.add(n);
    return n;
  }
}
