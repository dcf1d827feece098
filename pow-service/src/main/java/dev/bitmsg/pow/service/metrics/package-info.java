/**
 * Prometheus metrics of the service and their HTTP endpoint: a scheduler listener for job and pass
 * events plus gauges that read the scheduler's snapshots, and {@code bitmsg_build_info}. Depends on
 * the scheduler's snapshot types, {@code dev.bitmsg.settings.BuildInfo}, prometheus-metrics and the
 * Error Prone annotations.
 */
package dev.bitmsg.pow.service.metrics;
