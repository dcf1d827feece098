package dev.bitmsg.pow.service.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * The engines' health and measurements, one meter per {@link ScannerWorker} (by its index): rate,
 * trials and busy time, from which the next pass is sized.
 *
 * <p>Not thread-safe: the {@link Scheduler} keeps it in a field guarded by its lock.
 */
final class EngineMeters {
  /** How long one pass should take: short enough for a new urgent job to start promptly. */
  static final double TARGET_PASS_SECONDS = 0.04;

  /** One engine's figures. Not thread-safe: confined to its meters. */
  private static final class Meter {
    private final ScannerWorker worker;
    private final long trialsPerPass;
    private boolean healthy = true;
    private double trialsPerSecond;
    private long trialsTotal;
    private long busyNanos;

    Meter(ScannerWorker worker) {
      this.worker = worker;
      this.trialsPerPass = worker.trialsPerPass();
    }

    long passTrials(PassSizing sizing) {
      if (sizing == PassSizing.FIXED || trialsPerSecond <= 0) {
        return trialsPerPass;
      }
      long measured = (long) (trialsPerSecond * TARGET_PASS_SECONDS);
      return Math.max(Math.max(1, trialsPerPass / 16), Math.min(trialsPerPass * 4, measured));
    }
  }

  private final List<Meter> meters = new ArrayList<>();

  EngineMeters(List<ScannerWorker> workers) {
    for (int i = 0; i < workers.size(); i++) {
      if (workers.get(i).index() != i) {
        throw new IllegalArgumentException("workers must be listed in index order");
      }
      meters.add(new Meter(workers.get(i)));
    }
  }

  /**
   * Trials for {@code worker}'s next pass: the scanner's own figure until a rate is measured (and
   * always with {@link PassSizing#FIXED}); then see {@link PassSizing#ADAPTIVE}.
   */
  long passTrials(ScannerWorker worker, PassSizing sizing) {
    return meters.get(worker.index()).passTrials(sizing);
  }

  /** {@code worker} scanned {@code trials} in a pass of {@code nanos}. */
  void recordPass(ScannerWorker worker, long trials, long nanos) {
    Meter m = meters.get(worker.index());
    m.trialsTotal += trials;
    m.busyNanos += nanos;
    double rate = nanos > 0 ? trials * 1e9 / nanos : 0;
    m.trialsPerSecond = m.trialsPerSecond == 0 ? rate : 0.7 * m.trialsPerSecond + 0.3 * rate;
  }

  /** Takes {@code worker}'s engine out of service. */
  void retire(ScannerWorker worker) {
    meters.get(worker.index()).healthy = false;
  }

  int healthy() {
    int n = 0;
    for (Meter m : meters) {
      if (m.healthy) {
        n++;
      }
    }
    return n;
  }

  int size() {
    return meters.size();
  }

  List<EngineSnapshot> snapshot(PassSizing sizing) {
    List<EngineSnapshot> out = new ArrayList<>();
    for (Meter m : meters) {
      out.add(
          new EngineSnapshot(
              m.worker.name(),
              m.trialsPerSecond,
              m.passTrials(sizing),
              m.healthy,
              m.trialsTotal,
              m.busyNanos));
    }
    return out;
  }
}
