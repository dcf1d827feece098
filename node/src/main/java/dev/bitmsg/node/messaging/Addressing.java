package dev.bitmsg.node.messaging;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.IdentityGenerator;

/**
 * Addresses and keys as sending and receiving use them: the {@code BM-} codec, the keyring of own
 * identities and subscriptions, the lookup of others' pubkeys and the making of new identities.
 * Immutable.
 */
public record Addressing(
    AddressCodec codec, Keyring keyring, PubkeyFinder pubkeys, IdentityGenerator generator) {}
