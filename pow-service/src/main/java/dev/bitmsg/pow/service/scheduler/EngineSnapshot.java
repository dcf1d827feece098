package dev.bitmsg.pow.service.scheduler;

/**
 * One worker's engine as last seen: measured rate (trials per second, 0 before the first pass),
 * trials per pass, health and trials scanned in total. Immutable.
 */
public record EngineSnapshot(
    String name, double trialsPerSecond, long trialsPerPass, boolean healthy, long trialsTotal) {}
