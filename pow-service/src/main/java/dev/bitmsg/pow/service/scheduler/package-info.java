/**
 * Sharing the engines between jobs: priority classes, weighted fair queuing between clients, time
 * slices of nonce ranges, batching of small jobs into one scanner pass, deduplication of identical
 * searches, deadlines, and one worker thread per {@link dev.bitmsg.pow.NonceScanner}. Depends only
 * on pow-cpu and SLF4J (no gRPC).
 */
package dev.bitmsg.pow.service.scheduler;
