package dev.bitmsg.node.messaging;

import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.pow.Difficulty;
import dev.bitmsg.pow.PowProgress;
import dev.bitmsg.pow.PowRules;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live proof-of-work progress of the outbox rows being solved, for status queries and progress
 * bars: trials done, rate and the trials expected for the row's target. Written by the sender
 * thread, read by anyone. Thread-safe.
 */
final class SendProgress {
  private final PowWorker pow;
  private final Clock clock;
  private final Map<Long, Messenger.Progress> progress = new ConcurrentHashMap<>();

  SendProgress(PowWorker pow, Clock clock) {
    this.pow = pow;
    this.clock = clock;
  }

  Optional<Messenger.Progress> of(long id) {
    return Optional.ofNullable(progress.get(id));
  }

  void update(long id, PowProgress p, ObjectMessage unsolved, Difficulty d) {
    long target =
        pow.target(unsolved.length(), unsolved.expiresTime(), clock.instant().getEpochSecond(), d);
    double expected = PowRules.expectedTrials(target);
    progress.put(id, new Messenger.Progress(p.trials(), p.trialsPerSecond(), expected));
  }

  void done(long id) {
    progress.remove(id);
  }
}
