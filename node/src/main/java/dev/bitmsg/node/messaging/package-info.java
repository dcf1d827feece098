/**
 * The messaging flows of a node (PROTOCOL.md sections 8 and 9): {@link
 * dev.bitmsg.node.messaging.Messenger} is the facade (own identities, queueing msgs and broadcasts,
 * status, the sender thread with the outbox state machine and pubkey work) and {@link
 * dev.bitmsg.node.messaging.Receiver} processes every newly stored object (acks, msgs, broadcasts,
 * pubkeys, getpubkeys), run durably by {@link dev.bitmsg.node.messaging.ReceiveWorkers} (an object
 * leaves the store's receive queue only once its effects committed). Their collaborators come
 * grouped from the composition root: {@link dev.bitmsg.node.messaging.MessagingStores}, {@link
 * dev.bitmsg.node.messaging.Addressing}, {@link dev.bitmsg.node.messaging.ObjectMaking}, {@link
 * dev.bitmsg.node.messaging.ReceiveChecks}; the proof of work goes through {@link
 * dev.bitmsg.node.messaging.PowWorker} with the node's PoW rules.
 *
 * <p>Ports for the outside interfaces: {@link dev.bitmsg.node.messaging.MessagingView} (counts and
 * listeners) and {@link dev.bitmsg.node.messaging.MessagingListener}, told after every committed
 * change by the observing store decorators ({@link
 * dev.bitmsg.node.messaging.MessagingStores#observedBy}); {@link
 * dev.bitmsg.node.messaging.SentMessageFields} is how a sent row appears to clients. Depends on
 * {@code node.address}, {@code node.content}, {@code node.crypto}, {@code node.store}, {@code
 * node.wire}, {@code node.pow} (the provider interface) and the PoW definitions.
 */
package dev.bitmsg.node.messaging;
