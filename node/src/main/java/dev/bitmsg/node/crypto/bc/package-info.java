/**
 * Bouncy Castle implementations of the {@code dev.bitmsg.node.crypto} capabilities. The only
 * package of the node that imports {@code org.bouncycastle} (checked by an ArchUnit test).
 */
package dev.bitmsg.node.crypto.bc;
