package dev.bitmsg.node.messaging;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.store.IdentityStore;
import dev.bitmsg.node.store.PubkeyStore;
import dev.bitmsg.node.store.PubkeyWorkJob;
import dev.bitmsg.node.store.PubkeyWorkJobs;
import dev.bitmsg.node.store.StorageFullException;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.pow.Difficulty;
import dev.bitmsg.pow.PowException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pubkey side of sending (PROTOCOL.md section 9): publishing own pubkeys (new address, answer
 * to a getpubkey, re-publication when the last one is as old as its TTL) and asking for others'
 * pubkeys, as persistent {@link PubkeyWorkJob}s. Rules taken from PyBitmessage: chans never
 * publish, a disabled address does not answer, a getpubkey is not answered again while the pubkey
 * published last is younger than the pubkey TTL (28 days by default; PyBitmessage's {@code
 * lastpubkeysendtime} check), and identical pending requests are one job.
 *
 * <p>Exactly once across kill -9: the finished object is saved in its job row before it is
 * published, and a restart publishes that saved object (the inventory ignores a vector it holds)
 * instead of doing the work again; jobs left in doing PoW without an object are queued again.
 * Called from the sender thread only ({@link #runPending}) and from any thread for queueing.
 */
final class PubkeyWork {
  private static final Logger log = LoggerFactory.getLogger(PubkeyWork.class);

  private final MessagingSettings settings;
  private final Clock clock;
  private final IdentityStore identities;
  private final PubkeyWorkJobs jobs;
  private final PubkeyStore pubkeys;
  private final PubkeyFinder finder;
  private final AddressCodec codec;
  private final ObjectFactory factory;
  private final PowWorker pow;
  private final Consumer<ObjectMessage> publish;
  private final SendProgress progress;
  private final SecureRandom random = new SecureRandom();

  PubkeyWork(SendingContext context, SendProgress progress) {
    this.settings = context.settings();
    this.clock = context.clock();
    this.identities = context.stores().identities();
    this.jobs = context.stores().pubkeyWork();
    this.pubkeys = context.stores().pubkeys();
    this.finder = context.addressing().pubkeys();
    this.codec = context.addressing().codec();
    this.factory = context.making().factory();
    this.pow = context.making().pow();
    this.publish = context.making().publish();
    this.progress = progress;
  }

  /** Queues interrupted jobs again and adopts publications marked pending by older versions. */
  int start() {
    int requeued = jobs.requeueInterrupted(now());
    for (String address : identities.publishPending()) {
      publishOwn(address, "new address");
    }
    return requeued;
  }

  /** Queues the publication of an own pubkey (coalesces with a pending one); returns the job id. */
  long publishOwn(String address, String reason) {
    return jobs.queue(
        PubkeyWorkJob.Kind.PUBKEY, address, reason, settings.pubkeyTtlSeconds(), now());
  }

  /**
   * Someone asked for our pubkey: queues it unless the identity is a chan or disabled or its last
   * pubkey is still live. Returns whether work was queued (or already pending).
   */
  boolean answer(Identity id) {
    String address = codec.encode(id.address());
    if (id.chan() || !id.enabled()) {
      return false;
    }
    OptionalLong age = sinceLastSent(address);
    if (age.isPresent() && age.getAsLong() < settings.pubkeyTtlSeconds()) {
      log.info("getpubkey not answered address={} pubkeyAgeSeconds={}", address, age.getAsLong());
      return false;
    }
    publishOwn(address, "getpubkey");
    return true;
  }

  /** Queues a getpubkey for {@code address} with {@code ttl} (coalesces with a pending one). */
  long request(String address, long ttl, String reason) {
    return jobs.queue(PubkeyWorkJob.Kind.GETPUBKEY, address, reason, ttl, now());
  }

  /** The pubkey of {@code address} arrived: getpubkeys for it not yet started are dropped. */
  void pubkeyKnown(String address) {
    jobs.dropQueued(PubkeyWorkJob.Kind.GETPUBKEY, address, "pubkey arrived", now());
  }

  /**
   * Queues the re-publication of own pubkeys whose last publication is as old as the pubkey TTL.
   */
  void queueDueRepublications(List<Identity> own) {
    for (Identity id : own) {
      if (id.chan() || !id.enabled()) {
        continue;
      }
      String address = codec.encode(id.address());
      OptionalLong age = sinceLastSent(address);
      if (age.isPresent() && age.getAsLong() >= settings.pubkeyTtlSeconds()) {
        publishOwn(address, "re-publish");
      }
    }
  }

  List<PubkeyWorkJob> recent(int limit) {
    return jobs.recent(limit);
  }

  Optional<PubkeyWorkJob> job(long id) {
    return jobs.job(id);
  }

  /** Does every pending job; stops at the first proof-of-work failure (retried on the next run). */
  void runPending() throws InterruptedException {
    for (PubkeyWorkJob job : jobs.pending()) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException();
      }
      try {
        run(job);
      } catch (PowException e) {
        log.warn(
            "pubkey work pow failed, will retry kind={} address={} cause={}",
            job.kind(),
            job.address(),
            e.getMessage());
        jobs.setState(
            job.id(),
            PubkeyWorkJob.State.QUEUED,
            now(),
            Optional.of("pow failed: " + e.getMessage()));
        return;
      } catch (StorageFullException e) {
        // Pending jobs include DOING_POW ones: this one runs again on the next pass.
        log.warn(
            "pubkey work put off, storage full kind={} address={} cause={}",
            job.kind(),
            job.address(),
            e.getMessage());
        return;
      }
    }
  }

  private void run(PubkeyWorkJob job) throws InterruptedException {
    if (job.solved().isPresent()) {
      finish(job, ObjectMessage.of(job.solved().get()), job.powBy().orElse("?"));
      return;
    }
    long now = now();
    ObjectMessage unsolved;
    if (job.kind() == PubkeyWorkJob.Kind.PUBKEY) {
      Optional<Identity> id = identities.identity(job.address());
      if (id.isEmpty() || id.get().chan() || !id.get().enabled()) {
        jobs.setState(
            job.id(), PubkeyWorkJob.State.DROPPED, now, Optional.of("not an enabled own address"));
        return;
      }
      OptionalLong age = sinceLastSent(job.address());
      if (age.isPresent() && age.getAsLong() < settings.pubkeyTtlSeconds()) {
        jobs.setState(
            job.id(),
            PubkeyWorkJob.State.DROPPED,
            now,
            Optional.of("pubkey went out " + age.getAsLong() + " s ago"));
        return;
      }
      unsolved = factory.pubkey(id.get(), now + job.ttl() + jitter(job.ttl()));
    } else {
      if (pubkeys.get(job.address()).isPresent()
          || finder.fromInventory(codec.decode(job.address())).isPresent()) {
        jobs.setState(job.id(), PubkeyWorkJob.State.DROPPED, now, Optional.of("pubkey known"));
        return;
      }
      unsolved =
          factory.getpubkey(codec.decode(job.address()), now + job.ttl() + jitter(job.ttl()));
    }
    jobs.setState(job.id(), PubkeyWorkJob.State.DOING_POW, now, Optional.empty());
    ObjectMessage work = unsolved;
    PowWorker.Solved solved;
    try {
      solved =
          pow.solve(
              work,
              now,
              Difficulty.NETWORK_DEFAULT,
              p -> progress.update(job.id(), p, work, Difficulty.NETWORK_DEFAULT));
    } finally {
      progress.done(job.id());
    }
    jobs.saveSolved(job.id(), solved.object().raw(), solved.object().expiresTime(), solved.by());
    finish(job, solved.object(), solved.by());
  }

  private void finish(PubkeyWorkJob job, ObjectMessage object, String by) {
    publish.accept(object);
    long now = now();
    if (job.kind() == PubkeyWorkJob.Kind.PUBKEY) {
      identities.markPubkeySent(job.address(), now);
    }
    jobs.markSent(job.id(), now);
    log.info(
        "pubkey work sent kind={} address={} reason={} powBy={}",
        job.kind() == PubkeyWorkJob.Kind.PUBKEY ? "pubkey" : "getpubkey",
        job.address(),
        job.reason(),
        by);
  }

  private OptionalLong sinceLastSent(String address) {
    OptionalLong last = identities.pubkeySent(address);
    return last.isPresent() ? OptionalLong.of(now() - last.getAsLong()) : OptionalLong.empty();
  }

  /** PyBitmessage's ±300 s, only on TTLs long enough for it not to dominate. */
  private long jitter(long ttl) {
    return ttl >= 3600 ? random.nextLong(-300, 301) : 0;
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }
}
