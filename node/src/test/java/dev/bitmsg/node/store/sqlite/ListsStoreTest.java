package dev.bitmsg.node.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.address.IdentityGenerator;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.store.SenderList;
import dev.bitmsg.node.store.SenderLists;
import dev.bitmsg.node.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sender lists and mailing lists (schema step 6) on real SQLite files, across a reopen. */
class ListsStoreTest {
  @TempDir Path dir;

  @Test
  void senderLists_blackByDefault_entriesPerList_onlyEnabledOnesCount() {
    Path file = dir.resolve("n.db");
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      SqliteSenderLists lists = new SqliteSenderLists(db, Clock.systemUTC());
      assertEquals(SenderList.BLACK, lists.mode());
      assertTrue(
          lists.add(new SenderLists.Entry(SenderList.BLACK, "BM-a", "spammer \u00e9", true)));
      assertFalse(lists.add(new SenderLists.Entry(SenderList.BLACK, "BM-a", "again", true)));
      assertTrue(lists.add(new SenderLists.Entry(SenderList.WHITE, "BM-a", "friend", false)));
      assertTrue(lists.add(new SenderLists.Entry(SenderList.BLACK, "BM-b", "", false)));
      lists.setMode(SenderList.WHITE);
    }
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      SqliteSenderLists lists = new SqliteSenderLists(db, Clock.systemUTC());
      assertEquals(SenderList.WHITE, lists.mode());
      assertEquals(
          List.of(
              new SenderLists.Entry(SenderList.BLACK, "BM-a", "spammer \u00e9", true),
              new SenderLists.Entry(SenderList.BLACK, "BM-b", "", false)),
          lists.entries(SenderList.BLACK));
      assertTrue(lists.isListed(SenderList.BLACK, "BM-a"));
      assertFalse(lists.isListed(SenderList.BLACK, "BM-b"), "disabled");
      assertFalse(lists.isListed(SenderList.WHITE, "BM-a"), "disabled");
      assertTrue(lists.setEnabled(SenderList.WHITE, "BM-a", true));
      assertTrue(lists.isListed(SenderList.WHITE, "BM-a"));
      assertFalse(lists.setEnabled(SenderList.WHITE, "BM-zz", true));
      assertTrue(lists.remove(SenderList.BLACK, "BM-a"));
      assertFalse(lists.remove(SenderList.BLACK, "BM-a"));
      assertFalse(lists.isListed(SenderList.BLACK, "BM-a"));
      assertTrue(lists.isListed(SenderList.WHITE, "BM-a"), "the other list keeps its entry");
    }
  }

  @Test
  void mailingLists_onlyOwnAddresses_goWithTheIdentity() {
    CryptoSuite crypto = BcCryptoSuite.create();
    AddressCodec codec = new AddressCodec(crypto.hashes());
    Identity id =
        new IdentityGenerator(crypto.hashes(), crypto.keys(), crypto.random())
            .random(4, 1, false, "list");
    String address = codec.encode(id.address());
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("n.db"))) {
      SqliteIdentityStore ids =
          SqliteIdentityStore.open(db, codec, crypto.keys(), Optional.empty(), 1000);
      SqliteMailingLists lists = new SqliteMailingLists(db);
      assertThrows(StoreException.class, () -> lists.set(address, Optional.of("x")));
      ids.put(id, 1);
      lists.set(address, Optional.of(""));
      assertEquals(Optional.of(""), lists.name(address));
      lists.set(address, Optional.of("Friends \u00e9"));
      assertEquals(Map.of(address, "Friends \u00e9"), lists.all());
      lists.set(address, Optional.empty());
      assertEquals(Optional.empty(), lists.name(address));
      lists.set(address, Optional.of("again"));
      assertTrue(ids.delete(address));
      assertEquals(Map.of(), lists.all(), "the entry goes with its identity");
    }
  }
}
