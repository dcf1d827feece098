package dev.bitmsg.node.messaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.address.AddressCrypto;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.pow.EnginePowProvider;
import dev.bitmsg.node.store.InventoryItem;
import dev.bitmsg.node.store.PubkeyWorkJob;
import dev.bitmsg.node.store.sqlite.SqliteDatabase;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.LogEvents;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ObjectType;
import dev.bitmsg.pow.Difficulty;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window PubkeyKillIT cannot hit reliably: a crash after the pubkey's proof of work was saved
 * (and perhaps published) but before the job was marked sent. The database is put in exactly that
 * state, and the restarted node must publish the saved object, never make a second pubkey.
 */
class PubkeyRestartTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private final CryptoSuite crypto = BcCryptoSuite.create();
  private final AddressCrypto addressCrypto = new AddressCrypto(crypto.hashes(), crypto.keys());

  @TempDir Path dir;

  @Test
  void savedPubkeyIsPublishedNotRemadeAfterACrash() throws Exception {
    Identity me;
    String address;
    InventoryItem first;
    try (Node n = node()) {
      me = n.messenger().createRandom("me");
      address = n.messenger().text(me);
      Await.until(LIMIT, "first publication", () -> sentJobs(n) == 1);
      first = pubkeys(n, me).get(0);
    }
    // The state a kill leaves between saveSolved and markSent, with the object not yet stored.
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("a").resolve("node.db"))) {
      db.with(
          "simulate crash",
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE pow_jobs SET state = 'DOING_POW', solved = ? WHERE kind = 'PUBKEY'")) {
              ps.setBytes(1, first.toObject().raw().toByteArray());
              ps.executeUpdate();
            }
            try (PreparedStatement ps =
                c.prepareStatement("UPDATE identities SET pubkey_sent = NULL")) {
              ps.executeUpdate();
            }
            try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM inventory WHERE object_type = 1")) {
              return ps.executeUpdate();
            }
          });
    }
    try (Node n = node()) {
      Await.until(
          LIMIT,
          "saved pubkey published after the restart",
          () -> sentJobs(n) == 1 && pubkeys(n, me).size() == 1);
      List<InventoryItem> now = pubkeys(n, me);
      assertArrayEquals(
          first.toObject().raw().toByteArray(),
          now.get(0).toObject().raw().toByteArray(),
          "the saved object itself, not a new proof of work");
      List<PubkeyWorkJob> jobs = n.messenger().powJobs(10);
      assertEquals(1, jobs.size(), jobs.toString());
      assertTrue(jobs.get(0).solved().isEmpty());
      assertEquals(address, jobs.get(0).address());
      // The restart recorded the saved pubkey as sent, so someone asking for it now gets no new
      // work: once the receiver is done with a getpubkey, a second job would be stored.
      ObjectMessage ask = getpubkey(me);
      try (LogEvents receiver = LogEvents.of(ReceiveWorkers.class)) {
        n.peers().submit(ask);
        receiver.awaitArgument(LIMIT, "the getpubkey processed", ask.inventoryVector(), 1);
      }
      assertEquals(1, pubkeys(n, me).size(), "published once");
      assertEquals(1, n.messenger().powJobs(10).size(), "no second job: pubkey_sent was recorded");
    }
  }

  private List<InventoryItem> pubkeys(Node n, Identity id) {
    return n.inventory()
        .byTag(ObjectType.PUBKEY, Bytes.of(addressCrypto.tag(id.address()).bytes()));
  }

  private static long sentJobs(Node n) {
    return n.messenger().powJobs(10).stream()
        .filter(j -> j.state() == PubkeyWorkJob.State.SENT)
        .count();
  }

  /** A getpubkey for {@code id}, its proof of work done here. */
  private ObjectMessage getpubkey(Identity id) throws InterruptedException {
    long now = Instant.now().getEpochSecond();
    ObjectFactory factory = new ObjectFactory(addressCrypto, crypto.signer(), crypto.ecies());
    try (EnginePowProvider cpu = EnginePowProvider.cpu(1)) {
      return new PowWorker(cpu, TestNetwork.RULES)
          .solve(
              factory.getpubkey(id.address(), now + 3600), now, Difficulty.NETWORK_DEFAULT, p -> {})
          .object();
    }
  }

  private Node node() throws IOException, InterruptedException {
    NodeConfig config =
        new NodeConfig(
            dir.resolve("a"),
            Optional.of(new HostPort("127.0.0.1", 0)),
            List.of(),
            false,
            Optional.empty(),
            TestNetwork.settings(),
            Duration.ofMinutes(10));
    return NodeAssembly.start(TestNetwork.setup(config).withMessaging(TestNetwork.messaging()));
  }
}
