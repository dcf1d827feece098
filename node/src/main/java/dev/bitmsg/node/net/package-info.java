/**
 * The node's networking on Netty: the per-connection pipeline (framing, message codec, handshake,
 * peer dispatch), the peer group that listens, dials and relays, the object synchronisation
 * (inv/getdata/object), object ingest (validation with the node's PoW rules, then storage), addr
 * gossip and the ban list. Handlers only decode, encode and update small per-channel state on the
 * event loop; storage and validation run on a bounded worker pool.
 *
 * <p>Ports for the rest of the node: {@link dev.bitmsg.node.net.NodeNetwork} (connections, relay
 * figures, submitting objects; implemented by {@link dev.bitmsg.node.net.PeerGroup}), {@link
 * dev.bitmsg.node.net.ConnectionListener} and {@link dev.bitmsg.node.net.PeerInfo}. Depends on
 * {@code node.wire}, {@code node.store}, {@code node.crypto} (TLS engines), {@code net.tls}, the
 * PoW definitions, Netty and SLF4J.
 */
package dev.bitmsg.node.net;
