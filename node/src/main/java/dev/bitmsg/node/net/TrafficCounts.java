package dev.bitmsg.node.net;

/**
 * Bytes read from and written to all peer connections since start, as the sockets saw them (TLS
 * included, the SOCKS5 negotiation not). Immutable.
 */
public record TrafficCounts(long bytesRead, long bytesWritten) {}
