package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.Version;

/**
 * User event fired down the pipeline once both veracks have been exchanged (PROTOCOL.md 3.2),
 * carrying the peer's version. Immutable.
 */
record Established(Version peerVersion) {}
