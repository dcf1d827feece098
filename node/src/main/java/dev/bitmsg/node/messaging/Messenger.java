package dev.bitmsg.node.messaging;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.BitmessageAddress;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.address.IdentityGenerator;
import dev.bitmsg.node.message.MessageCodec;
import dev.bitmsg.node.message.MessageContent;
import dev.bitmsg.node.message.MessageEncoding;
import dev.bitmsg.node.store.IdentityStore;
import dev.bitmsg.node.store.Inbox;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.Outbox;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.PowJob;
import dev.bitmsg.node.store.PowJobs;
import dev.bitmsg.node.store.PubkeyStore;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.store.StoredPubkey;
import dev.bitmsg.node.wire.Acks;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.Difficulty;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.pow.PowProgress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messaging facade and sender loop (PROTOCOL.md section 9): identities, subscriptions, chans,
 * queueing msgs and broadcasts, and one sender thread that walks the persistent outbox through
 * its states: queued, awaiting pubkey (getpubkey job queued), doing PoW, sent, ack received / sent
 * without ack, too difficult, failed. Resends unacknowledged msgs and unanswered getpubkeys when
 * their time is up with TTL {@code ttl·2^retries} (capped at 28 days) and the same ack data (made
 * at the configured stealth level by {@link AckMaker}). Own pubkeys and getpubkeys are persistent
 * jobs done by {@link PubkeyWork} on the same thread.
 *
 * <p>Crash safety: the finished object is saved in its outbox row (or job row) before it goes to
 * the inventory, so after a restart it is re-published rather than made again; rows left in doing
 * PoW go back to queued. Thread-safe: the public methods only touch the stores and wake the
 * sender thread, which does all the work.
 */
public final class Messenger implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Messenger.class);
  static final long MAX_TTL = 28L * 24 * 3600;
  static final long GETPUBKEY_TTL = 5L * 24 * 3600 / 2;

  /** Live proof-of-work progress of a row. Immutable. */
  public record Progress(long trials, double trialsPerSecond, double expectedTrials) {
    /** Estimated seconds left (expected trials minus trials done at the current rate). */
    public double etaSeconds() {
      return trialsPerSecond <= 0 ? Double.NaN : Math.max(0, expectedTrials - trials) / trialsPerSecond;
    }
  }

  /** A row with its live progress when doing PoW. Immutable. */
  public record Status(OutboxEntry entry, Optional<Progress> progress) {}

  private final MessagingSettings settings;
  private final Clock clock;
  private final IdentityStore identities;
  private final Keyring keyring;
  private final Outbox outbox;
  private final Inbox inbox;
  private final PubkeyStore pubkeys;
  private final AddressCodec codec;
  private final IdentityGenerator generator;
  private final ObjectFactory factory;
  private final PowWorker pow;
  private final PubkeyFinder finder;
  private final Consumer<ObjectMessage> publish;
  private final MessageCodec messageCodec = new MessageCodec();
  private final SecureRandom random = new SecureRandom();
  private final Map<Long, Progress> progress = new ConcurrentHashMap<>();
  private final Map<Bytes, Long> watchedAcks = new ConcurrentHashMap<>();
  private final PubkeyWork pubkeyWork;
  private final AckMaker acks;
  /** Sender thread only. */
  private long lastRepublishCheck = System.nanoTime() - Long.MAX_VALUE / 2;
  private final ScheduledExecutorService sender;

  public Messenger(MessagingSettings settings, Clock clock, IdentityStore identities, Keyring keyring,
      Outbox outbox, Inbox inbox, PubkeyStore pubkeys, AddressCodec codec, IdentityGenerator generator,
      ObjectFactory factory, PowWorker pow, PubkeyFinder finder, PowJobs jobs, AckMaker acks,
      Consumer<ObjectMessage> publish) {
    this.settings = settings;
    this.clock = clock;
    this.identities = identities;
    this.keyring = keyring;
    this.outbox = outbox;
    this.inbox = inbox;
    this.pubkeys = pubkeys;
    this.codec = codec;
    this.generator = generator;
    this.factory = factory;
    this.pow = pow;
    this.finder = finder;
    this.publish = publish;
    this.acks = acks;
    this.pubkeyWork = new PubkeyWork(settings, clock, identities, jobs, pubkeys, finder, codec, factory, pow, publish);
    this.sender = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bitmsg-sender");
      t.setDaemon(true);
      return t;
    });
  }

  /** Requeues rows interrupted by a crash, re-arms ack watching and starts the sender loop. */
  public void start() {
    int requeued = outbox.requeueInterrupted(now());
    if (requeued > 0) {
      log.info("messaging: {} messages interrupted during PoW are queued again", requeued);
    }
    for (OutboxEntry e : outbox.withStatus(EnumSet.of(SendStatus.SENT, SendStatus.QUEUED, SendStatus.DOING_POW,
        SendStatus.AWAITING_PUBKEY))) {
      e.ackData().ifPresent(a -> watchedAcks.put(a, e.id()));
    }
    int jobs = pubkeyWork.start();
    if (jobs > 0) {
      log.info("messaging: {} pubkey/getpubkey jobs interrupted during PoW are queued again", jobs);
    }
    long every = settings.checkInterval().toMillis();
    sender.scheduleWithFixedDelay(this::runDue, 0, every, TimeUnit.MILLISECONDS);
  }

  // ---- identities, subscriptions, chans ----

  /** A new random v4 identity; its pubkey is published. */
  public Identity createRandom(String label) {
    Identity id = generator.random(4, 1, false, label);
    add(id, true);
    return id;
  }

  /** The first {@code count} deterministic identities of {@code passphrase}; pubkeys published. */
  public List<Identity> createDeterministic(String passphrase, int count, int version) {
    List<Identity> out = generator.deterministic(passphrase.getBytes(StandardCharsets.UTF_8), count, version, 1, false)
        .stream().map(IdentityGenerator.Derived::identity).toList();
    for (Identity id : out) {
      add(id, true);
    }
    return out;
  }

  /** Stores an existing identity (keys.dat import) without publishing its pubkey. */
  public void importIdentity(Identity id) {
    add(id, false);
  }

  /** Creates or joins the chan {@code name}; chans never publish pubkeys. */
  public Identity joinChan(String name) {
    Identity id = generator.chan(name);
    add(id, false);
    return id;
  }

  /** Joins the chan {@code name} checking that it derives to {@code expectedAddress}. */
  public Identity joinChan(String name, String expectedAddress) {
    Identity id = generator.chan(name);
    if (!codec.decode(expectedAddress).equals(id.address())) {
      throw new IllegalArgumentException("chan name '" + name + "' does not give " + expectedAddress);
    }
    add(id, false);
    return id;
  }

  private void add(Identity id, boolean publishPubkey) {
    identities.put(id, now());
    keyring.reload();
    if (publishPubkey && !id.chan()) {
      pubkeyWork.publishOwn(text(id), "new address");
      wake();
    }
  }

  public boolean leaveChan(String address) {
    return delete(address);
  }

  public boolean delete(String address) {
    boolean gone = identities.delete(address);
    keyring.reload();
    return gone;
  }

  public void setLabel(String address, String label) {
    Identity id = identities.identity(address).orElseThrow(() -> unknown(address));
    identities.put(id.withLabel(label), now());
    keyring.reload();
  }

  public void setEnabled(String address, boolean enabled) {
    Identity id = identities.identity(address).orElseThrow(() -> unknown(address));
    identities.put(id.withEnabled(enabled), now());
    keyring.reload();
  }

  public List<Identity> identities() {
    return keyring.identities();
  }

  public void subscribe(String address, String label) {
    codec.decode(address);
    identities.subscribe(new IdentityStore.Subscription(address, label, true), now());
    keyring.reload();
  }

  public boolean unsubscribe(String address) {
    boolean gone = identities.unsubscribe(address);
    keyring.reload();
    return gone;
  }

  public List<IdentityStore.Subscription> subscriptions() {
    return identities.subscriptions();
  }

  public String text(Identity id) {
    return codec.encode(id.address());
  }

  // ---- sending ----

  /** Queues a msg (encoding SIMPLE) and returns its outbox id. */
  public long send(String from, String to, String subject, String body, long ttlSeconds) {
    Identity sender = identities.identity(from).orElseThrow(() -> unknown(from));
    BitmessageAddress dest = codec.decode(to);
    if (ttlSeconds <= 0 || ttlSeconds > MAX_TTL) {
      throw new IllegalArgumentException("TTL must be 1 s .. 28 days, got " + ttlSeconds);
    }
    Bytes message = Bytes.of(messageCodec.encode(MessageEncoding.SIMPLE, new MessageContent(subject, body)));
    Optional<Identity> ownDest = keyring.own(dest);
    Optional<Bytes> ack = ownDest.isPresent() ? Optional.empty() : Optional.of(acks.ackData(dest.stream()));
    long now = now();
    long id = outbox.add(new OutboxEntry(0, OutboxEntry.Kind.MSG, text(sender), Optional.of(to),
        MessageEncoding.SIMPLE.code(), message, ttlSeconds, ack, SendStatus.QUEUED, now, now, 0, 0,
        Optional.empty(), Optional.empty(), Optional.empty()));
    ack.ifPresent(a -> watchedAcks.put(a, id));
    wake();
    return id;
  }

  /** Queues a broadcast (encoding SIMPLE) and returns its outbox id. */
  public long broadcast(String from, String subject, String body, long ttlSeconds) {
    Identity sender = identities.identity(from).orElseThrow(() -> unknown(from));
    long ttl = Math.max(3600, Math.min(ttlSeconds, MAX_TTL));
    Bytes message = Bytes.of(messageCodec.encode(MessageEncoding.SIMPLE, new MessageContent(subject, body)));
    long now = now();
    long id = outbox.add(new OutboxEntry(0, OutboxEntry.Kind.BROADCAST, text(sender), Optional.empty(),
        MessageEncoding.SIMPLE.code(), message, ttl, Optional.empty(), SendStatus.QUEUED, now, now, 0, 0,
        Optional.empty(), Optional.empty(), Optional.empty()));
    wake();
    return id;
  }

  public Optional<Status> status(long id) {
    return outbox.get(id).map(e -> new Status(e, Optional.ofNullable(progress.get(id))));
  }

  public List<Outbox.Change> history(long id) {
    return outbox.history(id);
  }

  public List<OutboxEntry> outbox() {
    return outbox.all();
  }

  /** Pubkey and getpubkey work, newest first (at most {@code limit} rows). */
  public List<PowJob> powJobs(int limit) {
    return pubkeyWork.recent(limit);
  }

  public Optional<PowJob> powJob(long id) {
    return pubkeyWork.job(id);
  }


  public List<InboxEntry> inbox() {
    return inbox.received();
  }

  /** Decodes a received message's subject and body. */
  public MessageContent content(InboxEntry e) {
    return messageCodec.decode(e.encoding(), e.message().toByteArray());
  }

  // ---- called by the receiver ----

  /** The outbox row waiting for {@code ackData}, if any. */
  Optional<Long> ackWatcher(Bytes ackData) {
    return Optional.ofNullable(watchedAcks.get(ackData));
  }

  /** Whether an object of this many bytes could be an ack we watch (cheap pre-check). */
  boolean watchesAckLength(int ackDataLength) {
    for (Bytes b : watchedAcks.keySet()) {
      if (b.length() == ackDataLength) {
        return true;
      }
    }
    return false;
  }

  void ackReceived(long id, Bytes ackData) {
    watchedAcks.remove(ackData);
    Optional<OutboxEntry> e = outbox.get(id);
    if (e.isPresent() && !e.get().status().isFinal()) {
      outbox.setStatus(id, SendStatus.ACK_RECEIVED, now(), Optional.empty());
      log.info("messaging: ack received for message {}", id);
    }
  }

  /** The pubkey of {@code address} is now known: its waiting rows go back to queued. */
  void pubkeyArrived(String address) {
    pubkeyWork.pubkeyKnown(address);
    for (OutboxEntry e : outbox.withStatus(EnumSet.of(SendStatus.AWAITING_PUBKEY))) {
      if (e.to().isPresent() && e.to().get().equals(address)) {
        outbox.markSent(e.id(), SendStatus.QUEUED, 0, 0, now());
      }
    }
    wake();
  }

  /** Someone asked for our pubkey: publish it unless our last one is still live. */
  void pubkeyRequested(Identity id) {
    if (pubkeyWork.answer(id)) {
      wake();
    }
  }

  Set<String> awaitedAddresses() {
    Set<String> out = new java.util.HashSet<>();
    for (OutboxEntry e : outbox.withStatus(
        EnumSet.of(SendStatus.AWAITING_PUBKEY, SendStatus.QUEUED, SendStatus.DOING_POW))) {
      e.to().ifPresent(out::add);
    }
    return out;
  }

  // ---- the sender thread ----

  public void wake() {
    try {
      sender.execute(this::runDue);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      log.debug("sender stopped");
    }
  }

  private void runDue() {
    try {
      // Once per check interval, not on every wake-up: it reads a row per identity.
      long tick = System.nanoTime();
      if (tick - lastRepublishCheck >= settings.checkInterval().toNanos()) {
        lastRepublishCheck = tick;
        pubkeyWork.queueDueRepublications(keyring.identities());
      }
      pubkeyWork.runPending();
      long now = now();
      for (OutboxEntry e : outbox.withStatus(EnumSet.of(SendStatus.SENT, SendStatus.AWAITING_PUBKEY))) {
        if (e.status() == SendStatus.AWAITING_PUBKEY && pubkeys.get(e.to().orElseThrow()).isPresent()) {
          outbox.markSent(e.id(), SendStatus.QUEUED, 0, 0, now);
          continue;
        }
        if (e.sleepTill() > now) {
          continue;
        }
        if (now - e.created() > settings.giveUpAfter().toSeconds()) {
          outbox.setStatus(e.id(), SendStatus.FAILED, now, Optional.of("no answer within "
              + settings.giveUpAfter()));
          e.ackData().ifPresent(watchedAcks::remove);
          continue;
        }
        log.info("messaging: resending {} (attempt {})", e.id(), e.retries() + 1);
        outbox.setStatus(e.id(), SendStatus.QUEUED, now, Optional.empty());
      }
      for (OutboxEntry e : outbox.withStatus(EnumSet.of(SendStatus.QUEUED))) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        handle(e);
      }
      // getpubkeys queued by the msgs above.
      pubkeyWork.runPending();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("messaging: sender loop failed", e);
    }
  }

  private void handle(OutboxEntry e) throws InterruptedException {
    try {
      if (e.solved().isPresent()) {
        finish(e, ObjectMessage.of(e.solved().get()), e.powBy().orElse("?"));
        return;
      }
      if (e.kind() == OutboxEntry.Kind.BROADCAST) {
        sendBroadcast(e);
      } else {
        sendMsg(e);
      }
    } catch (RuntimeException ex) {
      if (ex instanceof dev.bitmsg.pow.PowException) {
        log.warn("messaging: proof of work for {} failed, will retry: {}", e.id(), ex.getMessage());
        outbox.setStatus(e.id(), SendStatus.QUEUED, now(), Optional.of("pow failed: " + ex.getMessage()));
        return;
      }
      log.warn("messaging: message {} failed", e.id(), ex);
      outbox.setStatus(e.id(), SendStatus.FAILED, now(), Optional.of(String.valueOf(ex.getMessage())));
    } finally {
      progress.remove(e.id());
    }
  }

  private record Recipient(Bytes encryptionKey, Difficulty demanded, boolean expectsAck) {}

  private Optional<Recipient> recipient(OutboxEntry e) {
    BitmessageAddress to = codec.decode(e.to().orElseThrow());
    Optional<Identity> own = keyring.own(to);
    if (own.isPresent()) {
      return Optional.of(new Recipient(Bytes.of(own.get().encryption().publicKey().wireBytes()),
          Difficulty.NETWORK_DEFAULT, false));
    }
    Optional<StoredPubkey> pk = pubkeys.get(e.to().get());
    if (pk.isEmpty()) {
      pk = finder.fromInventory(to);
    }
    return pk.map(p -> new Recipient(p.encryptionKey(),
        new Difficulty(p.nonceTrialsPerByte(), p.extraBytes()), p.doesAck() && e.ackData().isPresent()));
  }

  private void sendMsg(OutboxEntry e) throws InterruptedException {
    Identity from = identities.identity(e.from()).orElseThrow(() -> unknown(e.from()));
    Optional<Recipient> r = recipient(e);
    if (r.isEmpty()) {
      requestPubkey(e);
      return;
    }
    if (keyring.own(codec.decode(e.to().get())).isEmpty()) {
      pubkeys.markUsed(e.to().get());
    }
    Difficulty demanded = atLeastDefault(r.get().demanded());
    Difficulty max = settings.maxDifficulty();
    if (Long.compareUnsigned(demanded.nonceTrialsPerByte(), max.nonceTrialsPerByte()) > 0
        || Long.compareUnsigned(demanded.extraBytes(), max.extraBytes()) > 0) {
      outbox.setStatus(e.id(), SendStatus.TOO_DIFFICULT, now(), Optional.of("recipient demands " + demanded));
      return;
    }
    long now = now();
    outbox.setStatus(e.id(), SendStatus.DOING_POW, now, Optional.empty());
    long ttl = resendTtl(e.ttl(), e.retries());
    long expires = now + ttl + jitter(ttl);
    Bytes ackField = Bytes.EMPTY;
    if (r.get().expectsAck()) {
      Bytes ackData = e.ackData().get();
      long ackExpires = Acks.ackExpiresTime(now, ttl, random);
      ObjectMessage ack = Acks.ackObject(ackData, ackExpires, bytes -> solveAck(bytes, now));
      ackField = Acks.frame(ack);
      watchedAcks.put(ackData, e.id());
    }
    ObjectMessage unsolved = factory.msg(from, codec.decode(e.to().get()), r.get().encryptionKey(), e.encoding(),
        e.message(), ackField, expires);
    PowWorker.Solved solved = pow.solve(unsolved, now, demanded, p -> progress(e.id(), p, unsolved, demanded));
    outbox.saveSolved(e.id(), solved.object().raw(), solved.by());
    finish(outbox.get(e.id()).orElseThrow(), solved.object(), solved.by());
  }

  private long solveAck(Bytes withoutNonce, long now) {
    try {
      return pow.solveBytes(withoutNonce, now, Difficulty.NETWORK_DEFAULT);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new dev.bitmsg.pow.PowException("interrupted while making the ack");
    }
  }

  /** Publishes a solved object and records the sent state. */
  private void finish(OutboxEntry e, ObjectMessage object, String by) {
    publish.accept(object);
    long now = now();
    if (e.kind() == OutboxEntry.Kind.BROADCAST) {
      outbox.markSent(e.id(), SendStatus.SENT_NO_ACK, e.retries() + 1, 0, now);
    } else {
      boolean expectsAck = recipient(e).map(Recipient::expectsAck).orElse(false);
      long ttl = object.expiresTime() - now;
      outbox.markSent(e.id(), expectsAck ? SendStatus.SENT : SendStatus.SENT_NO_ACK, e.retries() + 1,
          now + Math.max(ttl, 1) + Math.max(ttl, 1) / 10, now);
    }
    log.info("messaging: {} {} sent (PoW by {})", e.kind(), e.id(), by);
  }

  private void sendBroadcast(OutboxEntry e) throws InterruptedException {
    Identity from = identities.identity(e.from()).orElseThrow(() -> unknown(e.from()));
    long now = now();
    outbox.setStatus(e.id(), SendStatus.DOING_POW, now, Optional.empty());
    ObjectMessage unsolved = factory.broadcast(from, e.encoding(), e.message(), now + e.ttl() + jitter(e.ttl()));
    PowWorker.Solved solved = pow.solve(unsolved, now, Difficulty.NETWORK_DEFAULT,
        p -> progress(e.id(), p, unsolved, Difficulty.NETWORK_DEFAULT));
    outbox.saveSolved(e.id(), solved.object().raw(), solved.by());
    finish(outbox.get(e.id()).orElseThrow(), solved.object(), solved.by());
  }

  private void requestPubkey(OutboxEntry e) {
    long now = now();
    String to = e.to().orElseThrow();
    for (OutboxEntry other : outbox.withStatus(EnumSet.of(SendStatus.AWAITING_PUBKEY))) {
      if (other.id() != e.id() && other.to().equals(e.to()) && other.sleepTill() > now) {
        outbox.markAwaiting(e.id(), e.retries(), other.sleepTill(), now);
        return;
      }
    }
    long ttl = Math.min(GETPUBKEY_TTL << Math.min(e.retries(), 8), MAX_TTL);
    pubkeyWork.request(to, ttl, "msg " + e.id());
    outbox.markAwaiting(e.id(), e.retries() + 1, now + ttl + ttl / 10, now);
  }

  private void progress(long id, PowProgress p, ObjectMessage unsolved, Difficulty d) {
    long target = pow.target(unsolved.length(), unsolved.expiresTime(), now(), d);
    double expected = Math.pow(2, 64) / (target == -1L ? Math.pow(2, 64) : unsignedDouble(target));
    progress.put(id, new Progress(p.trials(), p.trialsPerSecond(), expected));
  }

  private static double unsignedDouble(long v) {
    return v >= 0 ? v : (v >>> 1) * 2.0;
  }

  /** TTL of attempt {@code retries}: {@code ttl·2^retries}, at most 28 days. */
  static long resendTtl(long ttl, int retries) {
    long t = ttl;
    for (int i = 0; i < retries && t < MAX_TTL; i++) {
      t *= 2;
    }
    return Math.min(t, MAX_TTL);
  }

  /** PyBitmessage's ±300 s, only on TTLs long enough for it not to dominate. */
  private long jitter(long ttl) {
    return ttl >= 3600 ? random.nextLong(-300, 301) : 0;
  }

  private static Difficulty atLeastDefault(Difficulty d) {
    dev.bitmsg.pow.Difficulty e =
        new dev.bitmsg.pow.Difficulty(d.nonceTrialsPerByte(), d.extraBytes()).effective();
    return new Difficulty(e.nonceTrialsPerByte(), e.payloadLengthExtraBytes());
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  private static IllegalArgumentException unknown(String address) {
    return new IllegalArgumentException("not an own identity: " + address);
  }

  @Override
  public void close() {
    sender.shutdownNow();
    try {
      sender.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
