package dev.bitmsg.pow;

import java.time.Duration;

/**
 * A verified answer to a {@link PowJob}: {@code nonce} with its {@code trialValue}, found by {@code
 * engine} after {@code trials} trials in {@code elapsed}. Immutable.
 */
public record PowSolution(
    long nonce, long trialValue, String engine, long trials, Duration elapsed) {}
