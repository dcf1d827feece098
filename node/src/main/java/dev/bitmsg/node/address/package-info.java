/**
 * Bitmessage addresses and own identities: the {@code BM-} codec, ripe/tag/address-derived keys,
 * WIF, random/deterministic/chan generation and PyBitmessage's keys.dat format. Crypto is used only
 * through the {@code dev.bitmsg.node.crypto} interfaces.
 */
package dev.bitmsg.node.address;
