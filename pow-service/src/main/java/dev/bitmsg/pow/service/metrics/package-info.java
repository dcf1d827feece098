/**
 * Prometheus metrics of the service and their HTTP endpoint: a scheduler listener for job and pass
 * events plus gauges that read the scheduler's snapshots. Depends on the scheduler's snapshot
 * types, prometheus-metrics and the Error Prone annotations.
 */
package dev.bitmsg.pow.service.metrics;
