package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.InventoryVector;
import java.util.concurrent.locks.StampedLock;

/**
 * The inventory's vectors in memory, so that an inv is answered without a database lookup per
 * vector: an open-addressing hash set of the vectors' first 16 bytes (a collision needs 2^64 work
 * on hash outputs), each with the object's expiry time. 24 bytes per slot at a load of at most one
 * half, so about 50 bytes per stored object. Loaded from the inventory at start, added to on every
 * store, and trimmed of what the expiry cleanup deletes ({@link #forgetExpiredBefore}, with the
 * cleanup's own cutoff). Thread-safe: writers take a {@link StampedLock}; lookups, tens of
 * thousands per inv, read optimistically and retry under the read lock only when a write
 * intervened.
 */
final class KnownVectors {
  private static final int MIN_SLOTS = 1024;

  private final StampedLock lock = new StampedLock();

  // Slot i: table[3i] and table[3i+1] the key, table[3i+2] the expiry; an expiry of 0 is an empty
  // slot (stored objects always expire after 1970, and 0 is stored as 1).
  private long[] table = new long[3 * MIN_SLOTS];
  private int mask = MIN_SLOTS - 1;
  private int size;

  boolean contains(InventoryVector v) {
    long hi = word(v.hash(), 0);
    long lo = word(v.hash(), 8);
    long stamp = lock.tryOptimisticRead();
    if (stamp != 0) {
      long[] t = table;
      int m = mask;
      // A probe over a table being written may see a torn slot; validate() then fails and the
      // answer is thrown away. Indices stay in bounds: t and m are read together under the stamp.
      boolean found = t.length == 3 * (m + 1) && find(t, m, hi, lo) >= 0;
      if (lock.validate(stamp)) {
        return found;
      }
    }
    stamp = lock.readLock();
    try {
      return find(table, mask, hi, lo) >= 0;
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Records a stored object; a vector already present keeps the later expiry. */
  void add(InventoryVector v, long expiresEpochSeconds) {
    long hi = word(v.hash(), 0);
    long lo = word(v.hash(), 8);
    long expires = Math.max(1, expiresEpochSeconds);
    long stamp = lock.writeLock();
    try {
      int at = find(table, mask, hi, lo);
      if (at >= 0) {
        table[3 * at + 2] = Math.max(table[3 * at + 2], expires);
        return;
      }
      if (2 * (size + 1) > mask + 1) {
        rebuild(2 * (mask + 1), Long.MIN_VALUE);
      }
      insert(table, mask, hi, lo, expires);
      size++;
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /**
   * Forgets vectors of objects that expired before {@code cutoffEpochSeconds} (the expiry cleanup
   * deletes those rows); returns how many. Shrinks the table when it emptied out.
   */
  int forgetExpiredBefore(long cutoffEpochSeconds) {
    long stamp = lock.writeLock();
    try {
      int before = size;
      int live = 0;
      for (int i = 0; i <= mask; i++) {
        long e = table[3 * i + 2];
        if (e != 0 && e >= cutoffEpochSeconds) {
          live++;
        }
      }
      if (live == before) {
        return 0;
      }
      int slots = MIN_SLOTS;
      while (2 * live > slots) {
        slots *= 2;
      }
      rebuild(slots, cutoffEpochSeconds);
      return before - size;
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  int size() {
    long stamp = lock.readLock();
    try {
      return size;
    } finally {
      lock.unlockRead(stamp);
    }
  }

  private void rebuild(int slots, long keepFrom) {
    long[] old = table;
    long[] next = new long[3 * slots];
    int nextMask = slots - 1;
    int kept = 0;
    for (int i = 0; i < old.length; i += 3) {
      long e = old[i + 2];
      if (e != 0 && e >= keepFrom) {
        insert(next, nextMask, old[i], old[i + 1], e);
        kept++;
      }
    }
    table = next;
    mask = nextMask;
    size = kept;
  }

  private static int find(long[] t, int mask, long hi, long lo) {
    for (int i = slot(hi, lo, mask); ; i = (i + 1) & mask) {
      long e = t[3 * i + 2];
      if (e == 0) {
        return -1;
      }
      if (t[3 * i] == hi && t[3 * i + 1] == lo) {
        return i;
      }
    }
  }

  private static void insert(long[] t, int mask, long hi, long lo, long expires) {
    int i = slot(hi, lo, mask);
    while (t[3 * i + 2] != 0) {
      i = (i + 1) & mask;
    }
    t[3 * i] = hi;
    t[3 * i + 1] = lo;
    t[3 * i + 2] = expires;
  }

  private static int slot(long hi, long lo, int mask) {
    // Vectors of stored objects are hash outputs, so any bits spread evenly; mixing still guards
    // the probe sequence against hand-picked lookup keys lining up.
    long h = (hi ^ Long.rotateLeft(lo, 29)) * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private static long word(Bytes b, int from) {
    long w = 0;
    for (int i = from; i < from + 8; i++) {
      w = (w << 8) | (b.get(i) & 0xff);
    }
    return w;
  }
}
