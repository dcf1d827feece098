/**
 * {@code ./bm bench service --replicas N --via proxy|client}: the PoW service scaled out to several
 * replicas (child processes on 127.0.0.1..N) behind HAProxy or the client's own balancing, measured
 * against the replicas driven directly: throughput, per-job overhead, failover when a replica is
 * killed. Drives them with {@code dev.bitmsg.pow.client}, the client the node uses. Depends on that
 * client, pow-proto and the JDK (HAProxy runs as an external program).
 */
package dev.bitmsg.pow.scale;
