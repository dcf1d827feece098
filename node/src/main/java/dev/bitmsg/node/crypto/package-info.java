/**
 * Crypto capabilities as small interfaces ({@link dev.bitmsg.node.crypto.Hashes}, {@link
 * dev.bitmsg.node.crypto.Ecies}, {@link dev.bitmsg.node.crypto.Signer}, {@link
 * dev.bitmsg.node.crypto.Verifier}, {@link dev.bitmsg.node.crypto.KeyFactory}, {@link
 * dev.bitmsg.node.crypto.RandomSource}) and key value types. JDK only; the Bouncy Castle
 * implementations live in {@code dev.bitmsg.node.crypto.bc}, the only package allowed to import
 * {@code org.bouncycastle}.
 */
package dev.bitmsg.node.crypto;
