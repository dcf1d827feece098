/**
 * Crypto capabilities as small interfaces ({@link dev.bitmsg.node.crypto.Hashes}, {@link
 * dev.bitmsg.node.crypto.Ecies}, {@link dev.bitmsg.node.crypto.Signer}, {@link
 * dev.bitmsg.node.crypto.Verifier}, {@link dev.bitmsg.node.crypto.KeyFactory}, {@link
 * dev.bitmsg.node.crypto.RandomSource}, {@link dev.bitmsg.node.crypto.TlsEngines} for encrypted
 * peer links) and key value types; {@link dev.bitmsg.node.crypto.CryptoSuite} bundles them for the
 * composition root, which hands each component the capability it uses. JDK only ({@code javax.net
 * .ssl} for TLS engines); the Bouncy Castle implementations live in {@code crypto.bc}.
 */
package dev.bitmsg.node.crypto;
