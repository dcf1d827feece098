package dev.bitmsg.node.messaging;

import dev.bitmsg.node.crypto.Ecies;
import dev.bitmsg.node.crypto.Hashes;
import dev.bitmsg.node.crypto.Verifier;
import dev.bitmsg.pow.PowRules;

/**
 * What the receiver checks incoming objects with: trial decryption, sender signatures (and their
 * sigHash), and the proof-of-work rules for the difficulty an own address demands. Immutable.
 */
public record ReceiveChecks(Ecies ecies, Verifier verifier, Hashes hashes, PowRules powRules) {}
