/**
 * Sharing the engines between jobs: priority classes, weighted fair queuing between clients, time
 * slices of nonce ranges, batching of small jobs into one scanner pass, deduplication of identical
 * searches, deadlines, and one worker thread per {@link dev.bitmsg.pow.NonceScanner}. Each search
 * knows its resume point, the contiguous range of nonces searched without an answer ({@link
 * dev.bitmsg.pow.service.scheduler.NonceCursor}), even when engines finish slices out of order or
 * fail holding some: those are handed out again.
 *
 * <p>Lock discipline: {@link dev.bitmsg.pow.service.scheduler.Scheduler} owns one lock; the parts
 * that hold scheduling state (search table, fair queue, pass planner and results, engine meters)
 * are not thread-safe and live only in its fields annotated {@code @GuardedBy("lock")}, which Error
 * Prone's GuardedBy check enforces. Each part keeps its state private and changes it through its
 * own methods. Jobs are thread-safe handles whose state moves only while the scheduler holds its
 * lock; futures are completed and listeners called after it is released.
 *
 * <p>Depends only on pow-cpu, SLF4J and the Error Prone annotations (no gRPC).
 */
package dev.bitmsg.pow.service.scheduler;
