package dev.bitmsg.node.store;

import java.util.List;

/**
 * The registry of known peers (PROTOCOL.md sections 3.4 and 12). Thread-safe; failures throw {@link
 * StoreException}.
 */
public interface KnownNodes extends AutoCloseable {
  /**
   * Inserts a node or updates it: services and stream are replaced, lastSeen only moves forward,
   * the rating of an existing row is kept.
   */
  void upsert(KnownNode node);

  /** Nodes of {@code stream} seen at or after {@code sinceEpochSeconds}, most recent first. */
  List<KnownNode> seenSince(long stream, long sinceEpochSeconds, int limit);

  /**
   * Candidates to dial: best rated first (the rating moves only with our own dials), equal ratings
   * in random order. Never ordered by last-seen time, which gossip supplies on the sender's word.
   */
  List<KnownNode> candidates(long stream, int limit);

  /** Adds {@code delta} to a node's rating, clamped to -1..1; no-op for an unknown node. */
  void adjustRating(String host, int port, double delta);

  /**
   * Forgets nodes not seen since {@code staleBefore}, or not seen since {@code lowRatedBefore} with
   * a negative rating (PyBitmessage hygiene, section 12). Returns the count removed.
   */
  int prune(long staleBefore, long lowRatedBefore);

  /**
   * Holds the table to {@code max} rows: deletes the excess, lowest rated first and untried or
   * failed nodes (rating <= 0) at random, so nodes that proved to work stay. Returns the count
   * removed.
   */
  int trim(int max);

  long count();

  @Override
  void close();
}
