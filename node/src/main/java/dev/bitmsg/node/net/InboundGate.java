package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.Version;
import io.netty.channel.Channel;
import java.util.Optional;

/**
 * Decides, when an inbound peer's version has passed {@link VersionCheck} and before the verack,
 * whether the peer may stay: not banned, room in the established slots ({@link InboundSlots}).
 * Implemented by {@link PeerGroup}, which also learns and dials back a peer it refuses for any
 * reason other than abuse. Called on the channel's event loop.
 */
interface InboundGate {
  /** Why a peer is turned away; {@code tell}: say so in a fatal {@code error} before closing. */
  record Refusal(String reason, boolean tell) {}

  /** Empty when {@code ch} is admitted. */
  Optional<Refusal> admit(Channel ch, Version version);
}
