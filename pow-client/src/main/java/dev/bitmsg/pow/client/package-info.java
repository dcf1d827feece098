/**
 * The client of the PoW service that the node and the service's own tools share: {@link
 * dev.bitmsg.pow.client.PowClient} runs each job as one {@code SolveStream} call over every replica
 * ({@link dev.bitmsg.pow.client.PowChannel}: a static list of targets resolved to one subchannel
 * per address, gRPC's round_robin with client-side health checking, keepalive), moves a job whose
 * replica dies or hangs to another one resuming at the searched prefix, opens a circuit breaker
 * when no replica is usable, and explains TLS/plaintext mismatches. Transport and token: {@link
 * dev.bitmsg.pow.client.Transport}, {@link dev.bitmsg.pow.client.BearerToken}. Depends on {@code
 * pow-cpu} (answer verification, HOST:PORT syntax), {@code pow-proto}, gRPC (netty-shaded,
 * grpc-services for the health-checking policy) and SLF4J; never on the node or the service.
 */
package dev.bitmsg.pow.client;
