package dev.bitmsg.pow.service.auth;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Enforces each client's limits at admission: expected trials per job, unfinished jobs, and
 * expected trials admitted in the last hour. Thread-safe: all state is guarded by {@code this}.
 */
public final class QuotaLedger {
  private static final long HOUR_NANOS = TimeUnit.HOURS.toNanos(1);

  private record Charge(long atNanos, long trials) {}

  /** One client's figures. Not thread-safe: reached only through the guarded map. */
  private static final class Account {
    private int running;
    private long windowTrials;
    private final ArrayDeque<Charge> window = new ArrayDeque<>();
  }

  /** A slot held by an admitted job; closing it (idempotent) frees the slot. */
  public interface Admission extends AutoCloseable {
    @Override
    void close();
  }

  @GuardedBy("this")
  private final Map<String, Account> accounts = new HashMap<>();

  /**
   * Admits a job of {@code expectedTrials} for {@code client} or throws {@link
   * QuotaExceededException} naming the limit.
   */
  public synchronized Admission admit(ClientIdentity client, double expectedTrials) {
    long trials = expectedTrials >= 0x1p63 ? Long.MAX_VALUE : (long) Math.ceil(expectedTrials);
    if (trials > client.maxExpectedTrialsPerJob()) {
      throw new QuotaExceededException(
          String.format(
              Locale.ROOT,
              "max expected trials per job exceeded for client %s: %.4g > %d",
              client.name(),
              expectedTrials,
              client.maxExpectedTrialsPerJob()));
    }
    Account acc = accounts.computeIfAbsent(client.name(), n -> new Account());
    if (acc.running >= client.maxConcurrentJobs()) {
      throw new QuotaExceededException(
          "max concurrent jobs reached for client "
              + client.name()
              + ": "
              + client.maxConcurrentJobs());
    }
    long now = System.nanoTime();
    while (!acc.window.isEmpty() && now - acc.window.peekFirst().atNanos() >= HOUR_NANOS) {
      acc.windowTrials -= acc.window.pollFirst().trials();
    }
    if (client.trialsPerHour() != Long.MAX_VALUE
        && (trials > client.trialsPerHour() - acc.windowTrials)) {
      throw new QuotaExceededException(
          String.format(
              Locale.ROOT,
              "trial budget per hour exhausted for client %s: %d used of %d, this job needs %d",
              client.name(),
              acc.windowTrials,
              client.trialsPerHour(),
              trials));
    }
    if (client.trialsPerHour() != Long.MAX_VALUE) {
      acc.window.addLast(new Charge(now, trials));
      acc.windowTrials += trials;
    }
    acc.running++;
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        release(client.name());
      }
    };
  }

  private synchronized void release(String client) {
    Account acc = accounts.get(client);
    if (acc != null) {
      acc.running--;
    }
  }

  /** Unfinished admitted jobs of {@code client}. */
  public synchronized int running(String client) {
    Account acc = accounts.get(client);
    return acc == null ? 0 : acc.running;
  }
}
