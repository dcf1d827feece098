package dev.bitmsg.node.crypto;

import javax.net.ssl.SSLEngine;

/**
 * Makes the TLS engines of encrypted peer links (PROTOCOL.md 3.3): TLS 1.2 with anonymous ECDH on
 * secp256k1, as the reference node speaks it. The networking code gets one from the composition
 * root and never sees the provider behind it. Implementations are thread-safe.
 */
@FunctionalInterface
public interface TlsEngines {
  /**
   * A new engine for one connection.
   *
   * @param client true for the side that dialled the TCP connection
   */
  SSLEngine newEngine(boolean client);
}
