package dev.bitmsg.pow.service.scheduler;

/**
 * One worker's engine as last seen: measured rate (trials per second, 0 before the first pass),
 * trials per pass, health, trials scanned in total and the time spent inside scan calls. Immutable.
 */
public record EngineSnapshot(
    String name,
    double trialsPerSecond,
    long trialsPerPass,
    boolean healthy,
    long trialsTotal,
    long busyNanos) {}
