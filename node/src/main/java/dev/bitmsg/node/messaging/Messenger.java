package dev.bitmsg.node.messaging;

import static dev.bitmsg.node.messaging.OwnIdentities.unknown;
import static dev.bitmsg.node.messaging.ResendPolicy.MAX_TTL;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.BitmessageAddress;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.content.ContentCodec;
import dev.bitmsg.node.content.MessageContent;
import dev.bitmsg.node.content.MessageEncoding;
import dev.bitmsg.node.store.IdentityStore;
import dev.bitmsg.node.store.Inbox;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.Outbox;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.PubkeyWorkJob;
import dev.bitmsg.node.store.PubkeyWorkJobs;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.pow.Difficulty;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messaging facade (PROTOCOL.md section 9): own identities, subscriptions and chans ({@link
 * OwnIdentities}), queueing msgs and broadcasts in the persistent outbox, status queries, and the
 * sender thread, which does all the sending work ({@link OutboxSender}): the outbox state machine,
 * resends ({@link ResendPolicy}) with the same ack data (made at the configured stealth level by
 * {@link AckMaker}, matched by {@link AckWatch}), and own pubkeys and getpubkeys as persistent jobs
 * ({@link PubkeyWork}).
 *
 * <p>Crash safety: the finished object is saved in its outbox row (or job row) before it goes to
 * the inventory, so after a restart it is re-published rather than made again; rows left in doing
 * PoW go back to queued. Thread-safe: the public methods only touch the stores and wake the sender
 * thread, which does all the work.
 *
 * <p>As a {@link MessagingView} it gives the node's outside interfaces counts and the changes of
 * the stores it was built with, which the composition root observes ({@link
 * MessagingStores#observedBy}).
 */
public final class Messenger implements MessagingView, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Messenger.class);

  /** Live proof-of-work progress of a row. Immutable. */
  public record Progress(long trials, double trialsPerSecond, double expectedTrials) {
    /** Estimated seconds left (expected trials minus trials done at the current rate). */
    public double etaSeconds() {
      return trialsPerSecond <= 0
          ? Double.NaN
          : Math.max(0, expectedTrials - trials) / trialsPerSecond;
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
  private final PubkeyWorkJobs jobs;
  private final AddressCodec codec;
  private final ContentCodec messageCodec = new ContentCodec();
  private final SendProgress progress;
  private final SendProgress jobProgress;
  private final PowWorker pow;
  private final AckWatch watchedAcks;
  private final PubkeyWork pubkeyWork;
  private final AckMaker acks;
  private final OwnIdentities own;
  private final OutboxGate gate;
  private final OutboxSender outboxSender;
  private final MessagingListeners listeners;
  private final ScheduledExecutorService sender;
  private @Nullable ScheduledFuture<?> senderLoop; // set by start(); runDue() logs its own failures

  /**
   * @param stores the stores, observed by {@code listeners} ({@link MessagingStores#observedBy})
   * @param listeners the registry {@link #addListener} adds to
   */
  public Messenger(
      MessagingSettings settings,
      Clock clock,
      MessagingStores stores,
      Addressing addressing,
      ObjectMaking making,
      MessagingListeners listeners) {
    this.settings = settings;
    this.clock = clock;
    this.identities = stores.identities();
    this.keyring = addressing.keyring();
    this.outbox = stores.outbox();
    this.inbox = stores.inbox();
    this.jobs = stores.pubkeyWork();
    this.codec = addressing.codec();
    this.acks = making.acks();
    this.pow = making.pow();
    this.listeners = listeners;
    this.progress = new SendProgress(pow, clock);
    this.jobProgress = new SendProgress(pow, clock);
    this.watchedAcks = new AckWatch(outbox, clock);
    SendingContext context = new SendingContext(settings, clock, stores, addressing, making);
    this.pubkeyWork = new PubkeyWork(context, jobProgress);
    this.own =
        new OwnIdentities(
            clock, identities, keyring, codec, addressing.generator(), pubkeyWork, this::wake);
    this.gate = new OutboxGate(outbox);
    this.outboxSender = new OutboxSender(context, pubkeyWork, watchedAcks, progress, gate);
    this.sender =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bitmsg-sender");
              t.setDaemon(true);
              return t;
            });
  }

  /** Requeues rows interrupted by a crash, re-arms ack watching and starts the sender loop. */
  public void start() {
    int requeued = outbox.requeueInterrupted(now());
    if (requeued > 0) {
      log.info("messages queued again after interrupted pow count={}", requeued);
    }
    watchedAcks.rearm();
    int requeuedJobs = pubkeyWork.start();
    if (requeuedJobs > 0) {
      log.info("pubkey work queued again after interrupted pow count={}", requeuedJobs);
    }
    long every = settings.checkInterval().toMillis();
    senderLoop =
        sender.scheduleWithFixedDelay(outboxSender::runDue, 0, every, TimeUnit.MILLISECONDS);
  }

  // ---- identities, subscriptions, chans ----

  /** A new random v4 identity; its pubkey is published. */
  public Identity createRandom(String label) {
    return own.createRandom(label, false, Difficulty.NETWORK_DEFAULT);
  }

  /**
   * A new random identity whose ripe starts with two zero bytes when {@code shorter} (an address a
   * character shorter, PyBitmessage's "eighteenByteRipe"), demanding {@code demanded} from senders.
   */
  public Identity createRandom(String label, boolean shorter, Difficulty demanded) {
    return own.createRandom(label, shorter, demanded);
  }

  /** The first {@code count} deterministic identities of {@code passphrase}; pubkeys published. */
  public List<Identity> createDeterministic(String passphrase, int count, int version) {
    return own.createDeterministic(passphrase, count, version, false, Difficulty.NETWORK_DEFAULT);
  }

  /**
   * {@link #createDeterministic(String, int, int)} with PyBitmessage's "eighteenByteRipe" and a
   * demanded difficulty for the new identities (those already here keep theirs).
   */
  public List<Identity> createDeterministic(
      String passphrase, int count, int version, boolean shorter, Difficulty demanded) {
    return own.createDeterministic(passphrase, count, version, shorter, demanded);
  }

  /** Stores an existing identity (keys.dat import) without publishing its pubkey. */
  public void importIdentity(Identity id) {
    own.importIdentity(id);
  }

  /** Creates or joins the chan {@code name}; chans never publish pubkeys. */
  public Identity joinChan(String name) {
    return own.joinChan(name);
  }

  /** Joins the chan {@code name} checking that it derives to {@code expectedAddress}. */
  public Identity joinChan(String name, String expectedAddress) {
    return own.joinChan(name, expectedAddress);
  }

  public boolean leaveChan(String address) {
    return own.leaveChan(address);
  }

  public boolean delete(String address) {
    return own.delete(address);
  }

  public void setLabel(String address, String label) {
    own.setLabel(address, label);
  }

  public void setEnabled(String address, boolean enabled) {
    own.setEnabled(address, enabled);
  }

  public List<Identity> identities() {
    return own.identities();
  }

  public void subscribe(String address, String label) {
    own.subscribe(address, label);
  }

  public boolean unsubscribe(String address) {
    return own.unsubscribe(address);
  }

  public List<IdentityStore.Subscription> subscriptions() {
    return own.subscriptions();
  }

  public String text(Identity id) {
    return codec.encode(id.address());
  }

  // ---- sending ----

  /** The TTL of msgs and broadcasts queued without one (PyBitmessage's {@code ttl} setting). */
  public long defaultTtl() {
    return settings.defaultTtlSeconds();
  }

  /** Queues a msg (encoding SIMPLE) and returns its outbox id. */
  public long send(String from, String to, String subject, String body, long ttlSeconds) {
    Identity sender = identities.identity(from).orElseThrow(() -> unknown(from));
    BitmessageAddress dest = codec.decode(to);
    if (ttlSeconds <= 0 || ttlSeconds > MAX_TTL) {
      throw new IllegalArgumentException("TTL must be 1 s .. 28 days, got " + ttlSeconds);
    }
    Bytes message =
        Bytes.of(messageCodec.encode(MessageEncoding.SIMPLE, new MessageContent(subject, body)));
    Optional<Identity> ownDest = keyring.own(dest);
    Optional<Bytes> ack =
        ownDest.isPresent() ? Optional.empty() : Optional.of(acks.ackData(dest.stream()));
    long now = now();
    long id =
        outbox.add(
            new OutboxEntry(
                0,
                OutboxEntry.Kind.MSG,
                text(sender),
                Optional.of(to),
                MessageEncoding.SIMPLE.code(),
                message,
                ttlSeconds,
                ack,
                SendStatus.QUEUED,
                now,
                now,
                0,
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.empty()));
    ack.ifPresent(a -> watchedAcks.watch(a, id));
    wake();
    return id;
  }

  /** Queues a broadcast (encoding SIMPLE) and returns its outbox id. */
  public long broadcast(String from, String subject, String body, long ttlSeconds) {
    Identity sender = identities.identity(from).orElseThrow(() -> unknown(from));
    long ttl = Math.max(3600, Math.min(ttlSeconds, MAX_TTL));
    Bytes message =
        Bytes.of(messageCodec.encode(MessageEncoding.SIMPLE, new MessageContent(subject, body)));
    long now = now();
    long id =
        outbox.add(
            new OutboxEntry(
                0,
                OutboxEntry.Kind.BROADCAST,
                text(sender),
                Optional.empty(),
                MessageEncoding.SIMPLE.code(),
                message,
                ttl,
                Optional.empty(),
                SendStatus.QUEUED,
                now,
                now,
                0,
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.empty()));
    wake();
    return id;
  }

  /**
   * Moves a sent row to the trash or back (PyBitmessage's sent folder): a trashed row is never
   * worked on, resent or published; proof of work under way for it is cancelled and the row waits,
   * queued, in the trash. An ack that arrives for it is still recorded. Returns whether the row
   * exists.
   */
  public boolean trash(long id, boolean trashed) {
    boolean found = gate.stop(id, () -> outbox.setTrashed(id, trashed));
    if (found && !trashed) {
      wake();
    }
    return found;
  }

  /**
   * Stops sending a row for good (an extension of PyBitmessage's API): no more proof of work,
   * resends or publication; work under way is cancelled. The row ends {@link SendStatus#CANCELLED}
   * unless it had finished. Returns the row as it is afterwards.
   */
  public Optional<OutboxEntry> cancel(long id) {
    boolean stopped =
        gate.stop(id, () -> outbox.stop(id, SendStatus.CANCELLED, now(), "cancelled by request"));
    Optional<OutboxEntry> e = outbox.get(id);
    if (stopped) {
      e.flatMap(OutboxEntry::ackData).ifPresent(watchedAcks::forget);
      log.info("message cancelled id={}", id);
    }
    return e;
  }

  public Optional<Status> status(long id) {
    return outbox.get(id).map(e -> new Status(e, progress.of(id)));
  }

  public List<Outbox.Change> history(long id) {
    return outbox.history(id);
  }

  public List<OutboxEntry> outbox() {
    return outbox.all();
  }

  /** The sent folder (the rows not in the trash), by last action time (PyBitmessage's order). */
  public List<OutboxEntry> sentFolder() {
    return outbox.sentFolder();
  }

  /** The sent folder's rows sent from {@code address}, in its order. */
  public List<OutboxEntry> sentFrom(String address) {
    return outbox.sentFrom(address);
  }

  /** The ids of the sent folder (the rows not in the trash), in its order, without the rows. */
  public List<Outbox.RowId> sentIds() {
    return outbox.sentIds();
  }

  /** The outbox row holding this ack data, trashed or not, if any (an index lookup). */
  public Optional<OutboxEntry> outboxByAckData(Bytes ackData) {
    return outbox.byAckData(ackData);
  }

  /** The outbox row an import kept this msgid for, trashed or not, if any (an index lookup). */
  public Optional<OutboxEntry> outboxByMsgid(Bytes msgid) {
    return outbox.byMsgid(msgid);
  }

  /** Pubkey and getpubkey work, newest first (at most {@code limit} rows). */
  public List<PubkeyWorkJob> powJobs(int limit) {
    return pubkeyWork.recent(limit);
  }

  public Optional<PubkeyWorkJob> powJob(long id) {
    return pubkeyWork.job(id);
  }

  @Override
  public List<PubkeyWorkJob> pendingPubkeyWork() {
    return jobs.pending();
  }

  /** Live proof-of-work progress of the job {@code id} while its work runs. */
  public Optional<Progress> powJobProgress(long id) {
    return jobProgress.of(id);
  }

  /** Who does the node's proof of work (the provider's description). */
  public String powProvider() {
    return pow.describe();
  }

  @Override
  public void addListener(MessagingListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeListener(MessagingListener listener) {
    listeners.remove(listener);
  }

  @Override
  public long inboxCount() {
    return inbox.count();
  }

  @Override
  public Map<SendStatus, Long> outboxCounts() {
    return outbox.countByStatus();
  }

  public List<InboxEntry> inbox() {
    return inbox.received();
  }

  /**
   * The msgids of the received messages (an imported one's msgid, else the signature hash), oldest
   * first, without reading the messages.
   */
  public List<Bytes> inboxMsgids() {
    return inbox.msgids();
  }

  /** The received message with this msgid, if any (an index lookup). */
  public Optional<InboxEntry> inboxMessage(Bytes msgid) {
    return inbox.find(msgid);
  }

  /** The messages received for the own address {@code to}, oldest first. */
  public List<InboxEntry> inboxFor(String to) {
    return inbox.receivedBy(to);
  }

  /** Decodes a received message's subject and body. */
  public MessageContent content(InboxEntry e) {
    return messageCodec.decode(e.encoding(), e.message().toByteArray());
  }

  // ---- called by the receiver ----

  /** The outbox row waiting for {@code ackData}, if any. */
  Optional<Long> ackWatcher(Bytes ackData) {
    return watchedAcks.ackWatcher(ackData);
  }

  /** Whether an object of this many bytes could be an ack we watch (cheap pre-check). */
  boolean watchesAckLength(int ackDataLength) {
    return watchedAcks.watchesAckLength(ackDataLength);
  }

  void ackReceived(long id, Bytes ackData) {
    watchedAcks.ackReceived(id, ackData);
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
    Set<String> out = new HashSet<>();
    for (OutboxEntry e :
        outbox.withStatus(
            EnumSet.of(SendStatus.AWAITING_PUBKEY, SendStatus.QUEUED, SendStatus.DOING_POW))) {
      e.to().ifPresent(out::add);
    }
    return out;
  }

  // ---- the sender thread ----

  public void wake() {
    try {
      sender.execute(outboxSender::runDue);
    } catch (RejectedExecutionException e) {
      log.debug("sender stopped, not woken");
    }
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  @Override
  public void close() {
    ScheduledFuture<?> loop = senderLoop;
    if (loop != null) {
      loop.cancel(false);
    }
    sender.shutdownNow();
    try {
      sender.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    gate.close();
  }
}
