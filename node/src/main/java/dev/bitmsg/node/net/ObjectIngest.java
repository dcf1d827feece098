package dev.bitmsg.node.net;

import dev.bitmsg.node.store.Inventory;
import dev.bitmsg.node.store.InventoryItem;
import dev.bitmsg.node.store.StorageFullException;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ObjectValidator;
import dev.bitmsg.node.wire.ObjectVerdict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The one path every received or created object takes into the node: validation (PROTOCOL.md
 * section 4: size, expiry window, stream, proof of work, type sanity) and then storage, where the
 * inventory's primary key settles duplicates. The network and {@code bench ingest} both use it. An
 * object from the network that the disk has no room for ({@link StorageFullException}) is not kept,
 * as an honest mistake is not: the peer is not blamed and a later announcement fetches it again;
 * the node's own objects get the exception, so their maker keeps them for a retry.
 *
 * <p>It also keeps {@link KnownVectors}, the inventory's vectors in memory (loaded from the
 * inventory on construction, added to on every store): the network answers "do we have it?" for
 * whole invs from it, and an object already stored is settled as a duplicate without validating or
 * touching the database again. Objects stored without going through here (tests writing the
 * inventory directly) are simply unknown to the index, so at worst fetched once more.
 *
 * <p>Thread-safe if the validator and inventory are.
 */
public final class ObjectIngest {
  /** What happened to an object. */
  public enum Outcome {
    /** Valid and new: stored, to be relayed. */
    STORED,
    /** Already in the inventory (not validated again when the index knew it). */
    DUPLICATE,
    /**
     * Failed a rule that an honest peer can trip (expiry window, proof of work short only by a
     * tolerated clock offset, stream we do not serve): dropped without penalty.
     */
    IGNORED,
    /** Failed a rule no honest relay breaks (proof of work, size, stream range): penalise. */
    INVALID
  }

  /** The outcome with the validator's verdict. Immutable. */
  public record Result(Outcome outcome, ObjectVerdict verdict) {}

  private final ObjectValidator validator;
  private final Inventory inventory;
  private final Clock clock;
  private final List<Consumer<ObjectMessage>> onStored = new CopyOnWriteArrayList<>();
  private final KnownVectors known = new KnownVectors();

  private static final ObjectVerdict ALREADY_STORED =
      new ObjectVerdict(ObjectVerdict.Kind.ACCEPT, "already stored");

  public ObjectIngest(ObjectValidator validator, Inventory inventory, Clock clock) {
    this.validator = validator;
    this.inventory = inventory;
    this.clock = clock;
    inventory.forEachVector(known::add);
  }

  /** Whether the inventory holds {@code vector} (from memory: no database access). */
  public boolean isKnown(InventoryVector vector) {
    return known.contains(vector);
  }

  /** Vectors in the in-memory index. */
  public int knownCount() {
    return known.size();
  }

  /**
   * Drops from the in-memory index the objects that expired before {@code cutoffEpochSeconds}, the
   * cutoff with which the expiry cleanup deletes them; returns how many.
   */
  public int forgetExpiredBefore(long cutoffEpochSeconds) {
    return known.forgetExpiredBefore(cutoffEpochSeconds);
  }

  public Result ingest(ObjectMessage object) {
    return ingest(object, false);
  }

  /** {@link #ingest} for an object made by this node: stored with its origin recorded. */
  public Result ingestOwn(ObjectMessage object) {
    return ingest(object, true);
  }

  private Result ingest(ObjectMessage object, boolean own) {
    if (known.contains(object.inventoryVector())) {
      return new Result(Outcome.DUPLICATE, ALREADY_STORED);
    }
    ObjectVerdict verdict = validator.validate(object, clock.instant().getEpochSecond());
    if (!verdict.isStored()) {
      return new Result(
          isHonestMistake(verdict.kind()) ? Outcome.IGNORED : Outcome.INVALID, verdict);
    }
    InventoryItem item = InventoryItem.of(object);
    boolean added;
    try {
      added = own ? inventory.addOwn(item) : inventory.add(item);
    } catch (StorageFullException e) {
      if (own) {
        throw e;
      }
      return notStored(verdict, e);
    }
    known.add(object.inventoryVector(), object.expiresTime());
    if (added) {
      stored(object);
    }
    return new Result(added ? Outcome.STORED : Outcome.DUPLICATE, verdict);
  }

  /**
   * {@link #ingest} for several objects, storing the valid ones in one transaction. Results are in
   * input order.
   */
  public List<Result> ingestAll(List<ObjectMessage> objects) {
    long now = clock.instant().getEpochSecond();
    List<ObjectVerdict> verdicts = new ArrayList<>(objects.size());
    List<InventoryItem> valid = new ArrayList<>(objects.size());
    boolean[] knownBefore = new boolean[objects.size()];
    for (int i = 0; i < objects.size(); i++) {
      ObjectMessage o = objects.get(i);
      knownBefore[i] = known.contains(o.inventoryVector());
      ObjectVerdict verdict = knownBefore[i] ? ALREADY_STORED : validator.validate(o, now);
      verdicts.add(verdict);
      if (verdict.isStored() && !knownBefore[i]) {
        valid.add(InventoryItem.of(o));
      }
    }
    List<Boolean> added;
    try {
      added = inventory.addAll(valid);
    } catch (StorageFullException e) {
      List<Result> refused = new ArrayList<>(objects.size());
      for (ObjectVerdict verdict : verdicts) {
        refused.add(
            verdict.isStored()
                ? notStored(verdict, e)
                : new Result(
                    isHonestMistake(verdict.kind()) ? Outcome.IGNORED : Outcome.INVALID, verdict));
      }
      return refused;
    }
    List<Result> results = new ArrayList<>(objects.size());
    int k = 0;
    for (int i = 0; i < verdicts.size(); i++) {
      ObjectVerdict verdict = verdicts.get(i);
      if (knownBefore[i]) {
        results.add(new Result(Outcome.DUPLICATE, verdict));
      } else if (verdict.isStored()) {
        boolean isNew = added.get(k++);
        ObjectMessage o = objects.get(i);
        known.add(o.inventoryVector(), o.expiresTime());
        if (isNew) {
          stored(o);
        }
        results.add(new Result(isNew ? Outcome.STORED : Outcome.DUPLICATE, verdict));
      } else {
        results.add(
            new Result(
                isHonestMistake(verdict.kind()) ? Outcome.IGNORED : Outcome.INVALID, verdict));
      }
    }
    return results;
  }

  /**
   * Registers a listener called with every newly stored object (the messaging layer's receiver); it
   * must return quickly.
   */
  public void addStoredListener(Consumer<ObjectMessage> listener) {
    onStored.add(listener);
  }

  private void stored(ObjectMessage object) {
    for (Consumer<ObjectMessage> l : onStored) {
      l.accept(object);
    }
  }

  private static Result notStored(ObjectVerdict verdict, StorageFullException e) {
    return new Result(
        Outcome.IGNORED, new ObjectVerdict(verdict.kind(), "not stored: " + e.getMessage()));
  }

  private static boolean isHonestMistake(ObjectVerdict.Kind kind) {
    return kind == ObjectVerdict.Kind.EXPIRED
        || kind == ObjectVerdict.Kind.TOO_FAR_AHEAD
        || kind == ObjectVerdict.Kind.POW_CLOCK_DEPENDENT
        || kind == ObjectVerdict.Kind.STREAM_NOT_SERVED;
  }

  public Inventory inventory() {
    return inventory;
  }
}
