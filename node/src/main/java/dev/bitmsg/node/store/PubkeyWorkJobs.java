package dev.bitmsg.node.store;

import dev.bitmsg.node.wire.Bytes;
import java.util.List;
import java.util.Optional;

/**
 * Persistent pubkey and getpubkey work ({@link PubkeyWorkJob}). At most one pending job exists per
 * kind and address: queueing one that is already pending returns the pending one (duplicate
 * requests coalesce). Implementations are thread-safe; failures throw {@link StoreException}.
 */
public interface PubkeyWorkJobs {
  /**
   * Queues a job unless one of this kind for this address is pending.
   *
   * @return the id of the new or the already pending job
   */
  long queue(PubkeyWorkJob.Kind kind, String address, String reason, long ttl, long now);

  Optional<PubkeyWorkJob> job(long id);

  /** Pending jobs (queued or doing PoW), oldest first. */
  List<PubkeyWorkJob> pending();

  /** Every job, newest first, at most {@code limit}. */
  List<PubkeyWorkJob> recent(int limit);

  /** The latest job of this kind and address that went out. */
  Optional<PubkeyWorkJob> lastSent(PubkeyWorkJob.Kind kind, String address);

  void setState(long id, PubkeyWorkJob.State state, long now, Optional<String> detail);

  /** Keeps the finished object until it is in the inventory. */
  void saveSolved(long id, Bytes object, long expires, String powBy);

  /** The object is in the inventory: {@code SENT}, solved object cleared. */
  void markSent(long id, long now);

  /**
   * Queued (not yet started) jobs of this kind and address become {@code DROPPED}; returns the
   * count.
   */
  int dropQueued(PubkeyWorkJob.Kind kind, String address, String why, long now);

  /**
   * Jobs left in {@code DOING_POW} without a finished object go back to {@code QUEUED}; returns the
   * count.
   */
  int requeueInterrupted(long now);

  /** Deletes finished (sent or dropped) jobs older than {@code cutoff}; returns the count. */
  int deleteFinishedBefore(long cutoff);
}
