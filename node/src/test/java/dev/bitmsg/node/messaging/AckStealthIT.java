package dev.bitmsg.node.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.SeededRandomSource;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.pow.EnginePowProvider;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.node.wire.Acks;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.GetPubkey;
import dev.bitmsg.node.wire.MsgPayload;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ObjectPayload;
import dev.bitmsg.node.wire.ObjectPayloads;
import dev.bitmsg.node.wire.ObjectType;
import dev.bitmsg.node.wire.ObjectValidator;
import dev.bitmsg.pow.Difficulty;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ack stealth levels 0, 1 and 2: the ack data of each level makes a valid object of the promised
 * type and version that an ordinary node stores and relays; and the whole A to B flow, with a relay
 * node in between, ends in "ack received" at levels 1 and 2.
 */
@NetworkTest
class AckStealthIT {
  private static final Duration LIMIT = Duration.ofSeconds(90);
  private final CryptoSuite crypto = BcCryptoSuite.create(new SeededRandomSource(11));
  private final List<Node> nodes = new ArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void stop() {
    for (Node n : nodes) {
      n.close();
    }
  }

  private AckMaker maker(int level) {
    return new AckMaker(level, crypto.ecies(), crypto.keys(), crypto.random());
  }

  /** The ack object as the sender embeds it, its nonce found by the eased network PoW. */
  private static ObjectMessage ackObject(Bytes ackData, long now, PowWorker pow) {
    return Acks.ackObject(
        ackData,
        now + 3600,
        bytes -> {
          try {
            return pow.solveBytes(bytes, now, Difficulty.NETWORK_DEFAULT);
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void everyLevelMakesAValidObjectOfItsShape() throws Exception {
    long now = Instant.now().getEpochSecond();
    ObjectValidator validator = new ObjectValidator(TestNetwork.pow(), s -> s == 1);
    try (EnginePowProvider cpu = EnginePowProvider.cpu(1)) {
      PowWorker pow = new PowWorker(cpu, TestNetwork.RULES);
      for (int level = 0; level <= 2; level++) {
        for (int k = 0; k < 5; k++) {
          Bytes ackData = maker(level).ackData(1);
          ObjectMessage ack = ackObject(ackData, now, pow);
          assertTrue(Acks.isAckFor(ack, ackData), "the sender recognises its ack");
          assertTrue(
              validator.validate(ack, now).isStored(),
              "level " + level + ": " + validator.validate(ack, now));
          assertEquals(1, ack.stream());
          ObjectPayload p = ObjectPayloads.parse(ack);
          switch (level) {
            case 0 -> {
              assertEquals(ObjectType.MSG, ack.objectType());
              assertEquals(1, ack.version());
              assertEquals(32, ((MsgPayload) p).encrypted().length());
              assertEquals(38, ackData.length());
            }
            case 1 -> {
              assertEquals(ObjectType.GETPUBKEY, ack.objectType());
              assertEquals(4, ack.version());
              GetPubkey g = (GetPubkey) p;
              assertTrue(g.isTag());
              assertEquals(32, g.ripeOrTag().length());
            }
            default -> {
              assertEquals(ObjectType.MSG, ack.objectType());
              assertEquals(1, ack.version());
              byte[] blob = ((MsgPayload) p).encrypted().toByteArray();
              // IV 16 + curve and point 70 + AES-CBC of 234..800 bytes (240..816) + MAC 32.
              assertTrue(
                  blob.length >= 16 + 70 + 240 + 32 && blob.length <= 16 + 70 + 816 + 32,
                  "" + blob.length);
              crypto.ecies().open(blob); // a well-formed ECIES envelope with a point on the curve
              Identity someone =
                  new dev.bitmsg.node.address.IdentityGenerator(
                          crypto.hashes(), crypto.keys(), crypto.random())
                      .random(4, 1, false, "x");
              assertTrue(
                  crypto
                      .ecies()
                      .open(blob)
                      .tryDecrypt(List.of(someone.encryption().privateKey()))
                      .isEmpty(),
                  "nobody can decrypt it");
            }
          }
        }
      }
    }
    assertThrows(IllegalArgumentException.class, () -> maker(3));
    assertThrows(
        IllegalArgumentException.class, () -> MessagingSettings.defaults().withAckStealthLevel(-1));
  }

  @Test
  void levelOneAckComesBackThroughARelay() throws Exception {
    flow(1);
  }

  @Test
  void levelTwoAckComesBackThroughARelay() throws Exception {
    flow(2);
  }

  private void flow(int level) throws Exception {
    MessagingSettings s = settings().withAckStealthLevel(level);
    Node relay = node("relay", List.of(), s);
    List<ObjectMessage> relayed = new java.util.concurrent.CopyOnWriteArrayList<>();
    relay.addStoredListener(relayed::add);
    Node a = node("a", List.of(TestNetwork.endpoint(relay)), s);
    Node b = node("b", List.of(TestNetwork.endpoint(relay)), s);
    String addrA = a.messenger().text(a.messenger().createRandom("alice"));
    String addrB = b.messenger().text(b.messenger().createRandom("bob"));
    long id = a.messenger().send(addrA, addrB, "stealth " + level, "ack level " + level, 3600);
    Await.until(
        LIMIT,
        () -> "ack received at level " + level + ", now " + status(a, id),
        () -> status(a, id).status() == SendStatus.ACK_RECEIVED);
    OutboxEntry e = status(a, id);
    Bytes ackData = e.ackData().orElseThrow();
    long type = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(ackData.toByteArray()).getInt(0));
    assertEquals(level == 1 ? ObjectType.GETPUBKEY : ObjectType.MSG, type);
    if (level == 2) {
      assertTrue(ackData.length() > 300, "an encrypted blob, " + ackData.length() + " bytes");
    }
    assertEquals(1, b.messenger().inbox().size());
    // A hears only the relay: the relay validated, stored and passed on the ack as any object.
    assertEquals(1, relayed.stream().filter(o -> Acks.isAckFor(o, ackData)).count());
  }

  private static OutboxEntry status(Node n, long id) {
    return n.messenger().status(id).orElseThrow().entry();
  }

  static MessagingSettings settings() {
    return MessagingSettings.defaults().withCheckInterval(Duration.ofMillis(200));
  }

  private Node node(String name, List<HostPort> connect, MessagingSettings s)
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
    Node n = NodeAssembly.start(TestNetwork.setup(config).withMessaging(s));
    nodes.add(n);
    return n;
  }
}
