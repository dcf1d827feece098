/**
 * The node's networking on Netty: the per-connection pipeline (framing, message codec, handshake,
 * peer dispatch), the peer group that listens, dials and relays, the object synchronisation
 * (inv/getdata/object), addr gossip and the ban list. Handlers only decode, encode and update small
 * per-channel state on the event loop; storage and validation run on a bounded worker pool. Depends
 * on {@code node.wire}, {@code node.store}, Netty and SLF4J.
 */
package dev.bitmsg.node.net;
