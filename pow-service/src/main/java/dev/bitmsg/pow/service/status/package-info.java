/**
 * The PoW service's read-only status page ({@code pow-service --status-http ADDR:PORT}): engines
 * with their rates, the queue by priority and by client, each client's share of the trials and the
 * recent jobs, as server-rendered HTML that refreshes itself. It shows client names, never tokens
 * or job ids (a job id lets its holder watch and cancel it). Depends on the scheduler's snapshot
 * and listener types and the JDK's HTTP server.
 */
package dev.bitmsg.pow.service.status;
