/**
 * Prometheus metrics of the service and their HTTP endpoint. Depends on the scheduler's snapshot
 * types and prometheus-metrics.
 */
package dev.bitmsg.pow.service.metrics;
