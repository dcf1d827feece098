package dev.bitmsg.node.store;

import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.InventoryVector;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ObjLongConsumer;

/**
 * The node's object inventory (PROTOCOL.md section 4 retention): every valid object it holds, keyed
 * by inventory vector. Implementations are thread-safe; failures throw {@link StoreException}.
 */
public interface Inventory extends AutoCloseable {
  /**
   * A page of vectors and where the next page starts.
   *
   * @param next the position to pass as {@code after} for the following page
   */
  record VectorPage(List<InventoryVector> vectors, long next) {}

  /**
   * Stores an object unless its vector is already present; a new object is also queued for the
   * receiver ({@link ReceiveQueue}) in the same transaction.
   *
   * @return true when it was new and is now stored, false for a duplicate
   */
  boolean add(InventoryItem item);

  /**
   * {@link #add} for an object made by this node (its own messages, acks, pubkeys, requests, API
   * submissions): the row records the origin, which outlives a restart.
   */
  boolean addOwn(InventoryItem item);

  /** Whether {@code vector} is stored and was made by this node. */
  boolean isOwn(InventoryVector vector);

  /**
   * The objects made by this node that expire at or after {@code fromEpochSeconds}: vector to
   * expiresTime.
   */
  Map<InventoryVector, Long> ownExpiries(long fromEpochSeconds);

  /**
   * Stores several objects in one transaction (one commit for all: much cheaper than one per
   * object); returns, per item in order, whether it was new.
   */
  List<Boolean> addAll(List<InventoryItem> items);

  boolean contains(InventoryVector vector);

  /**
   * Calls {@code sink} with the vector and expiresTime of every stored object, in no particular
   * order (the network's in-memory index of known vectors is loaded from it at start).
   */
  void forEachVector(ObjLongConsumer<InventoryVector> sink);

  Optional<InventoryItem> get(InventoryVector vector);

  /**
   * Up to {@code limit} vectors of {@code stream}'s objects unexpired at {@code nowEpochSeconds},
   * in storage order after position {@code after} (0: from the start): the inventory read a page at
   * a time, whatever its size. An empty page ends it.
   */
  VectorPage unexpiredVectors(long stream, long nowEpochSeconds, long after, int limit);

  /** Items of {@code type} carrying {@code tag} (lookups by later issues: pubkeys, broadcasts). */
  List<InventoryItem> byTag(long type, Bytes tag);

  /** Deletes objects whose expiresTime is before {@code cutoffEpochSeconds}; returns the count. */
  int deleteExpiredBefore(long cutoffEpochSeconds);

  long count();

  @Override
  void close();
}
