/**
 * The node's gRPC push stream ({@code bitmessage.node.v1.NodeEvents}, generated in {@code
 * pow-proto}): {@link dev.bitmsg.node.events.EventHub} turns the changes the messaging layer and
 * the peer group push to it into events (no polling), {@link dev.bitmsg.node.events.EventsServer}
 * serves them to clients holding the API credentials. {@link dev.bitmsg.node.events.NotifyHook}
 * runs the notify command (PyBitmessage's {@code apinotifypath}) on its own thread with a bounded
 * queue and a timeout. Depends on the ports {@code messaging.MessagingView} and {@code
 * net.NodeNetwork}, on {@code node.content}, {@code node.store} (row types) and gRPC; never on
 * {@code app} or {@code api}.
 */
package dev.bitmsg.node.events;
