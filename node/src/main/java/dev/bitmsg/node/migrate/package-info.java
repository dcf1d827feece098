/**
 * Moving in from PyBitmessage: reads a PyBitmessage data directory ({@code keys.dat} through the
 * address package's {@code KeysDat}, {@code messages.dat} through the {@link
 * dev.bitmsg.node.migrate.MessagesDat} reader the SQLite package implements, {@code knownnodes.dat}
 * as JSON) and fills this node's stores, keeping PyBitmessage's message ids and ack data; the
 * settings that have an equivalent come back as {@link dev.bitmsg.node.migrate.PySettings} for the
 * composition root to write into the node's config. Idempotent, with a report of what was imported
 * and what was left out and why. Depends on {@code node.store} (interfaces), {@code node.address},
 * {@code node.content}, {@code node.wire} and {@code node.rpc} (JSON); never on the SQLite package
 * or the composition root.
 */
package dev.bitmsg.node.migrate;
