/**
 * Bitmessage addresses and own identities: the {@code BM-} codec, ripe/tag/address-derived keys,
 * WIF, random/deterministic/chan generation and PyBitmessage's keys.dat format. Crypto is used only
 * through the {@code dev.bitmsg.node.crypto} interfaces; an identity's demanded difficulty is the
 * PoW definitions' {@code Difficulty}. Depends on {@code node.crypto}, {@code node.wire} and {@code
 * dev.bitmsg.pow}.
 */
package dev.bitmsg.node.address;
