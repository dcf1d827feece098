/**
 * Storage interfaces of the node: the object inventory, the known-node registry and the periodic
 * expiry of old objects. Implementations live in {@code store.sqlite}. Depends on the JDK and
 * {@code node.wire} value types only.
 */
package dev.bitmsg.node.store;
