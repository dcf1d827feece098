package dev.bitmsg.node.messaging;

import dev.bitmsg.node.store.PubkeyWorkJob;
import dev.bitmsg.node.store.PubkeyWorkJobs;
import dev.bitmsg.node.wire.Bytes;
import java.util.List;
import java.util.Optional;

/**
 * {@link PubkeyWorkJobs} that tells listeners about every state change ({@link
 * PubkeyWorkJobChange}) after it is stored: the push events and the metrics see each transition (a
 * poll could miss a short proof of work). Changing calls are serialised so that the state read
 * before a change is the one it replaced; they are rare and cheap next to the work they stand for.
 * Listeners run on the changing thread and must return quickly ({@link MessagingListener}).
 * Thread-safe.
 */
final class ObservedPubkeyWorkJobs implements PubkeyWorkJobs {
  private final PubkeyWorkJobs jobs;
  private final MessagingListeners listeners;

  ObservedPubkeyWorkJobs(PubkeyWorkJobs jobs, MessagingListeners listeners) {
    this.jobs = jobs;
    this.listeners = listeners;
  }

  @Override
  public synchronized long queue(
      PubkeyWorkJob.Kind kind, String address, String reason, long ttl, long now) {
    boolean pendingBefore = !pendingOf(kind, address).isEmpty();
    long id = jobs.queue(kind, address, reason, ttl, now);
    if (!pendingBefore) {
      fire(id, Optional.empty());
    }
    return id;
  }

  @Override
  public Optional<PubkeyWorkJob> job(long id) {
    return jobs.job(id);
  }

  @Override
  public List<PubkeyWorkJob> pending() {
    return jobs.pending();
  }

  @Override
  public List<PubkeyWorkJob> recent(int limit) {
    return jobs.recent(limit);
  }

  @Override
  public Optional<PubkeyWorkJob> lastSent(PubkeyWorkJob.Kind kind, String address) {
    return jobs.lastSent(kind, address);
  }

  @Override
  public synchronized void setState(
      long id, PubkeyWorkJob.State state, long now, Optional<String> detail) {
    Optional<PubkeyWorkJob.State> before = jobs.job(id).map(PubkeyWorkJob::state);
    jobs.setState(id, state, now, detail);
    fire(id, before);
  }

  @Override
  public void saveSolved(long id, Bytes object, long expires, String powBy) {
    jobs.saveSolved(id, object, expires, powBy);
  }

  @Override
  public synchronized void markSent(long id, long now) {
    Optional<PubkeyWorkJob.State> before = jobs.job(id).map(PubkeyWorkJob::state);
    jobs.markSent(id, now);
    fire(id, before);
  }

  @Override
  public synchronized int dropQueued(
      PubkeyWorkJob.Kind kind, String address, String why, long now) {
    List<PubkeyWorkJob> before = pendingOf(kind, address);
    int n = jobs.dropQueued(kind, address, why, now);
    if (n > 0) {
      before.forEach(j -> fire(j.id(), Optional.of(j.state())));
    }
    return n;
  }

  @Override
  public synchronized int requeueInterrupted(long now) {
    List<PubkeyWorkJob> before = jobs.pending();
    int n = jobs.requeueInterrupted(now);
    if (n > 0) {
      before.forEach(j -> fire(j.id(), Optional.of(j.state())));
    }
    return n;
  }

  @Override
  public int deleteFinishedBefore(long cutoff) {
    return jobs.deleteFinishedBefore(cutoff);
  }

  private List<PubkeyWorkJob> pendingOf(PubkeyWorkJob.Kind kind, String address) {
    return jobs.pending().stream()
        .filter(j -> j.kind() == kind && j.address().equals(address))
        .toList();
  }

  /** Tells the listeners when job {@code id} is no longer in state {@code before}. */
  private void fire(long id, Optional<PubkeyWorkJob.State> before) {
    Optional<PubkeyWorkJob> now = jobs.job(id);
    if (now.isEmpty() || (before.isPresent() && before.get() == now.get().state())) {
      return;
    }
    listeners.pubkeyWorkChanged(new PubkeyWorkJobChange(now.get(), before));
  }
}
