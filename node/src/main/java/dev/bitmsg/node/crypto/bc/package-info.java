/**
 * Bouncy Castle implementations of the {@code dev.bitmsg.node.crypto} capabilities ({@link
 * dev.bitmsg.node.crypto.bc.BcCryptoSuite}, {@link dev.bitmsg.node.crypto.bc.BcTlsContexts}). The
 * only package of the node that imports {@code org.bouncycastle}, and only the composition root
 * ({@code app}) reaches it (both checked by {@code NodeArchitectureTest}). Depends on {@code
 * node.crypto} and Bouncy Castle.
 *
 * <p>Trial decryption ({@link dev.bitmsg.node.crypto.bc.BcEcies}): a blob is parsed once and its
 * ephemeral point validated; with many keys the point gets a comb table over it and its
 * endomorphism image (GLV), every product shares one field inversion, and AES runs only after an
 * HMAC matched. The comb lookup is variable-time (see {@code CombTable}); signing and key
 * generation use Bouncy Castle's own fixed-point comb. TLS ({@link
 * dev.bitmsg.node.crypto.bc.BcTlsContexts}) takes only the curve parts from Bouncy Castle and AES,
 * HMAC and digests from the JDK; no provider is registered globally.
 */
package dev.bitmsg.node.crypto.bc;
