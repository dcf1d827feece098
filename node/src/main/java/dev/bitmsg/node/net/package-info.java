/**
 * The node's networking on Netty: the per-connection pipeline (framing, message codec, handshake,
 * peer dispatch), the peer group that listens, dials and relays, the object synchronisation
 * (inv/getdata/object), object ingest (validation with the node's PoW rules, then storage, with the
 * in-memory index of known vectors), addr gossip, and the peer policy (docs/node.md "Peer policy"):
 * address grouping and peer identity ({@code NetGroups}, {@code PeerId}), inbound handshake and
 * established slots with eviction ({@code InboundSlots}, {@code EvictionPolicy}), misbehaviour
 * scores and per-peer bans ({@code Misbehaviour}, {@code BanList}), announcement and addr budgets,
 * fetch claims that lapse, dial-backs and outbound spread over network groups. Privacy
 * (docs/node.md "Privacy", {@link dev.bitmsg.node.net.PrivacySettings}): dialling through a SOCKS5
 * proxy with names unresolved and per-peer credentials ({@code Dialler}, {@code DialTargets}),
 * onion names ({@code OnionName}, {@code onionpeer} objects in {@code OnionPeers}), Dandelion++
 * ({@code Dandelion}, in {@code ObjectRelay}), traffic limits and byte counters ({@code
 * TrafficShaper}, {@code ReadLimiter}). Handlers only decode, encode and update small per-channel
 * state on the event loop; storage and validation run on a bounded worker pool.
 *
 * <p>Ports for the rest of the node: {@link dev.bitmsg.node.net.NodeNetwork} (connections, relay
 * figures, submitting objects; implemented by {@link dev.bitmsg.node.net.PeerGroup}), {@link
 * dev.bitmsg.node.net.ConnectionListener} and {@link dev.bitmsg.node.net.PeerInfo}; settings in
 * {@link dev.bitmsg.node.net.PeerSettings} and {@link dev.bitmsg.node.net.PeerPolicy}. Depends on
 * {@code node.wire}, {@code node.store}, {@code node.crypto} (TLS engines), {@code net.tls}, the
 * PoW definitions, Netty and SLF4J.
 */
package dev.bitmsg.node.net;
