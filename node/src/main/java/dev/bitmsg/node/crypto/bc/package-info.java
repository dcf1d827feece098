/**
 * Bouncy Castle implementations of the {@code dev.bitmsg.node.crypto} capabilities ({@link
 * dev.bitmsg.node.crypto.bc.BcCryptoSuite}, {@link dev.bitmsg.node.crypto.bc.BcTlsContexts}). The
 * only package of the node that imports {@code org.bouncycastle}, and only the composition root
 * ({@code app}) reaches it (both checked by {@code NodeArchitectureTest}). Depends on {@code
 * node.crypto} and Bouncy Castle.
 */
package dev.bitmsg.node.crypto.bc;
