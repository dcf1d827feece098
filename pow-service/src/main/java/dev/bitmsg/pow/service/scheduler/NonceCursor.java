package dev.bitmsg.pow.service.scheduler;

import java.util.Map;
import java.util.TreeMap;

/**
 * The nonce bookkeeping of one {@link Search}: hands out ranges from its first nonce upwards and
 * knows the contiguous prefix searched without an answer, the resume point a client can continue
 * from elsewhere. Ranges come back out of order (several engines, passes of different lengths), so
 * a finished range ahead of the prefix waits until every range before it is finished; a range that
 * came back unscanned (its engine failed) is handed out again before any new one, so the prefix
 * never stalls behind it.
 *
 * <p>Positions are offsets from the first nonce (a nonce is {@code first + offset}, modulo 2^64);
 * no search hands out 2^63 nonces, so offsets compare as signed longs.
 *
 * <p>Not thread-safe: confined to its search, which the {@link Scheduler} reaches under its lock.
 */
final class NonceCursor {
  private final long first;
  private long handedOut; // offset of the next fresh nonce
  private long prefix; // every offset below it was searched without an answer
  private final TreeMap<Long, Long> doneAhead = new TreeMap<>(); // start -> end, above prefix
  private final TreeMap<Long, Long> returned = new TreeMap<>(); // start -> end, to hand out again

  NonceCursor(long firstNonce) {
    this.first = firstNonce;
  }

  /** The first nonce of the search. */
  long first() {
    return first;
  }

  /** The nonce up to which (exclusive) every nonce from {@link #first} was searched. */
  long searchedUntil() {
    return first + prefix;
  }

  /** A range of nonces: {@code count} from {@code firstNonce}. */
  record Range(long firstNonce, long count) {}

  /** The next range of at most {@code n} nonces: a returned one first, else fresh ones. */
  Range take(long n) {
    Map.Entry<Long, Long> gap = returned.pollFirstEntry();
    if (gap != null) {
      long start = gap.getKey();
      long end = gap.getValue();
      long count = Math.min(n, end - start);
      if (start + count < end) {
        returned.put(start + count, end);
      }
      return new Range(first + start, count);
    }
    Range r = new Range(first + handedOut, n);
    handedOut += n;
    return r;
  }

  /** The range was scanned whole without an answer. */
  void searched(long firstNonce, long count) {
    long start = firstNonce - first;
    long end = start + count;
    if (start != prefix) {
      doneAhead.put(start, end);
      return;
    }
    prefix = end;
    Long next;
    while ((next = doneAhead.remove(prefix)) != null) {
      prefix = next;
    }
  }

  /** The range came back unscanned (or only partly): hand it out again. */
  void returned(long firstNonce, long count) {
    long start = firstNonce - first;
    returned.put(start, start + count);
  }
}
