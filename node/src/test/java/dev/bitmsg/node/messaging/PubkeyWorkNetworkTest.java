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
import dev.bitmsg.node.store.InventoryItem;
import dev.bitmsg.node.store.PubkeyWorkJob;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.MutableClock;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Own pubkeys as persistent work, on in-process nodes over loopback with real SQLite files:
 * getpubkeys for an own address are answered once while the pubkey is live (and never for chans or
 * disabled addresses); the pubkey is re-published when it is as old as its TTL (injected clock).
 */
class PubkeyWorkNetworkTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  /** Long enough for several sender-loop and receiver passes (check interval 200 ms). */
  private static final Duration SETTLE = Duration.ofMillis(1500);

  private final CryptoSuite crypto = BcCryptoSuite.create(new SeededRandomSource(21));
  private final AddressCodec codec = new AddressCodec(crypto.hashes());
  private final AddressCrypto addressCrypto = new AddressCrypto(crypto.hashes(), crypto.keys());
  private final IdentityGenerator gen =
      new IdentityGenerator(crypto.hashes(), crypto.keys(), crypto.random());
  private final ObjectFactory factory =
      new ObjectFactory(addressCrypto, crypto.signer(), crypto.ecies());
  private final List<Node> nodes = new ArrayList<>();
  private final EnginePowProvider cpu = EnginePowProvider.cpu(1);

  @TempDir Path dir;

  @AfterEach
  void stop() {
    for (Node n : nodes) {
      n.close();
    }
    cpu.close();
  }

  @Test
  void getpubkeyAnsweredOnceEvenIfAskedTwiceNeverForChansOrDisabled() throws Exception {
    Node a = node("a", List.of(), Clock.systemUTC());
    Node b = node("b", List.of(TestNetwork.endpoint(a)), Clock.systemUTC());
    Identity me = gen.random(4, 1, false, "imported");
    a.messenger().importIdentity(me); // imported: no pubkey published until someone asks
    Identity off = gen.random(4, 1, false, "disabled");
    a.messenger().importIdentity(off);
    a.messenger().setEnabled(codec.encode(off.address()), false);
    Identity chan = a.messenger().joinChan("pubkey work chan");
    String addr = codec.encode(me.address());
    assertTrue(pubkeyJobs(a).isEmpty());

    long now = Instant.now().getEpochSecond();
    ObjectMessage ask1 = getpubkey(me.address(), now, now + 3600);
    ObjectMessage ask2 = getpubkey(me.address(), now, now + 3700);
    ObjectMessage askOff = getpubkey(off.address(), now, now + 3600);
    ObjectMessage askChan = getpubkey(chan.address(), now, now + 3600);
    for (ObjectMessage o : List.of(ask1, ask2, askOff, askChan)) {
      b.peers().submit(o);
    }
    Await.until(LIMIT, () -> "pubkey answer, jobs " + pubkeyJobs(a), () -> sent(a, addr) == 1);
    Await.until(LIMIT, "the answer reached B", () -> pubkeysOf(b, me.address()) == 1);
    Await.until(
        LIMIT,
        "all asks reached A",
        () ->
            List.of(ask1, ask2, askOff, askChan).stream()
                .allMatch(o -> a.inventory().contains(o.inventoryVector())));

    // Asked once more after the answer went out: the pubkey is live, no new work.
    ObjectMessage ask3 = getpubkey(me.address(), now, now + 3800);
    b.peers().submit(ask3);
    Await.until(LIMIT, "third ask reached A", () -> a.inventory().contains(ask3.inventoryVector()));
    Thread.sleep(SETTLE.toMillis());
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
    Node a = node("a", List.of(), clock);
    Identity me = a.messenger().createRandom("me");
    String addr = codec.encode(me.address());
    Await.until(LIMIT, "first publication", () -> sent(a, addr) == 1);
    assertEquals("new address", pubkeyJobs(a).get(0).reason());
    assertEquals(1, pubkeysOf(a, me.address()));

    // 27 days on: the pubkey is live; neither the periodic check nor a getpubkey makes another.
    clock.advance(Duration.ofDays(27));
    long now = clock.instant().getEpochSecond();
    ObjectMessage ask = getpubkey(me.address(), now, now + 3600);
    a.peers().submit(ask);
    Thread.sleep(SETTLE.toMillis());
    assertEquals(1, pubkeyJobs(a).size(), "live pubkey: " + pubkeyJobs(a));

    clock.advance(Duration.ofDays(1).plusSeconds(1));
    Await.until(LIMIT, () -> "re-publication, jobs " + pubkeyJobs(a), () -> sent(a, addr) == 2);
    PubkeyWorkJob again = pubkeyJobs(a).get(0);
    assertEquals("re-publish", again.reason());
    assertTrue(
        again.expires() > clock.instant().getEpochSecond() + Duration.ofDays(27).toSeconds(),
        "the new pubkey lives another 28 days");
    assertEquals(2, pubkeysOf(a, me.address()));
    Thread.sleep(SETTLE.toMillis());
    assertEquals(2, pubkeyJobs(a).size(), "re-published once: " + pubkeyJobs(a));
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

  private static long sent(Node n, String address) {
    return pubkeyJobs(n).stream()
        .filter(j -> j.address().equals(address) && j.state() == PubkeyWorkJob.State.SENT)
        .count();
  }

  private int pubkeysOf(Node n, BitmessageAddress address) {
    List<InventoryItem> items =
        n.inventory().byTag(ObjectType.PUBKEY, Bytes.of(addressCrypto.tag(address).bytes()));
    return items.size();
  }

  private Node node(String name, List<HostPort> connect, Clock clock)
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
            TestNetwork.setup(config).withMessaging(AckStealthTest.settings()).withClock(clock));
    nodes.add(n);
    return n;
  }
}
