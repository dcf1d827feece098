/**
 * The node's storage as interfaces: the object inventory, known nodes, own identities and
 * subscriptions ({@link dev.bitmsg.node.store.IdentityStore}), the mailbox ({@link
 * dev.bitmsg.node.store.Outbox}, {@link dev.bitmsg.node.store.Inbox}, {@link
 * dev.bitmsg.node.store.PubkeyStore}), pubkey work jobs, the client API's state and {@link
 * dev.bitmsg.node.store.Vacuum}; their row records, {@link dev.bitmsg.node.store.KeySealer} (keys
 * sealed at rest) and the periodic {@link dev.bitmsg.node.store.ExpiryCleaner}; the {@link
 * dev.bitmsg.node.store.ReceiveQueue} of stored objects whose processing has not committed yet;
 * {@link dev.bitmsg.node.store.OwnerOnly} (0700 directory, 0600 files) and the storage faults
 * ({@link dev.bitmsg.node.store.StorageFullException}, {@link
 * dev.bitmsg.node.store.StoreCorruptException}, {@link dev.bitmsg.node.store.StorageHealth}).
 * Implementations live in {@code store.sqlite}. Depends on the JDK (the key sealing on {@code
 * javax.crypto}), {@code node.wire}, {@code node.address}, the PoW definitions' {@code Difficulty}
 * and SLF4J; never on the network or the composition root.
 */
package dev.bitmsg.node.store;
