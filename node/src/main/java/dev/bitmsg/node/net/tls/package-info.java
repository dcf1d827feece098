/**
 * TLS on established peer links, as the reference node does it (PROTOCOL.md 3.3): {@link
 * dev.bitmsg.node.net.tls.LinkTls} switches a connection to TLS right after the version handshake
 * with engines from {@link dev.bitmsg.node.crypto.TlsEngines}, and the handshake watcher holds the
 * "established" event until TLS is up. Sits below {@code net} (which uses it, never the other way
 * round). Depends on {@code node.crypto}, Netty and SLF4J.
 */
package dev.bitmsg.node.net.tls;
