package dev.bitmsg.pow.service.scheduler;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The order of service between searches: the highest priority class first; within a class, the
 * client with the least weighted service so far (trials handed out divided by weight: start-time
 * fair queuing, where a client that was idle joins at the current minimum so it cannot bank
 * credit); within a client, arrival order.
 *
 * <p>Not thread-safe: the {@link Scheduler} keeps it in a field guarded by its lock.
 */
final class FairQueue {
  /** Fair-share account of one client. Not thread-safe: confined to its queue. */
  private static final class Account {
    private final double weight;
    private double virtualTime;
    private int activeSearches;
    private long trialsServed;

    Account(double weight) {
      this.weight = weight;
    }
  }

  private final Map<String, Account> accounts = new HashMap<>();

  /** {@code client} owns one more waiting search. */
  void activate(ClientShare client) {
    Account acc = accounts.computeIfAbsent(client.name(), n -> new Account(client.weight()));
    if (acc.activeSearches++ == 0) {
      // A client returning from idle starts level with the least-served active client.
      double min = Double.POSITIVE_INFINITY;
      for (Account other : accounts.values()) {
        if (other != acc && other.activeSearches > 0) {
          min = Math.min(min, other.virtualTime);
        }
      }
      if (min != Double.POSITIVE_INFINITY) {
        acc.virtualTime = Math.max(acc.virtualTime, min);
      }
    }
  }

  /** {@code client} owns one search less. */
  void deactivate(String client) {
    Account acc = accounts.get(client);
    if (acc != null) {
      acc.activeSearches--;
    }
  }

  /** {@code trials} were handed out for a search of {@code client}. */
  void charge(String client, long trials) {
    Account acc = account(client);
    acc.virtualTime += trials / acc.weight;
  }

  /** {@code trials} were scanned for a search of {@code client}. */
  void served(String client, long trials) {
    account(client).trialsServed += trials;
  }

  /** Trials scanned per client since the start, sorted by client. */
  Map<String, Long> trialsServed() {
    Map<String, Long> out = new TreeMap<>();
    accounts.forEach((name, acc) -> out.put(name, acc.trialsServed));
    return out;
  }

  /** The next of {@code searches} to serve, skipping {@code exclude}; null when none is left. */
  @Nullable Search next(Collection<Search> searches, Set<Search> exclude) {
    @Nullable Search best = null;
    double bestTime = 0;
    for (Search s : searches) {
      if (exclude.contains(s)) {
        continue;
      }
      double time = account(s.owner().name()).virtualTime;
      if (best == null) {
        best = s;
        bestTime = time;
        continue;
      }
      int byPriority = s.priority().compareTo(best.priority());
      if (byPriority > 0
          || (byPriority == 0 && (time < bestTime || (time == bestTime && s.seq() < best.seq())))) {
        best = s;
        bestTime = time;
      }
    }
    return best;
  }

  /** The account of a client with an active search (activated before it is charged or served). */
  private Account account(String client) {
    return Objects.requireNonNull(accounts.get(client), () -> "no account for client " + client);
  }
}
