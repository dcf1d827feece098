/**
 * SQLite implementations of the {@code node.store} interfaces (sqlite-jdbc): one database file per
 * node in WAL mode (the client API's state in a second file), schema migrations applied in order at
 * open, prepared statements only. Indexes that serve only reads (no change to what rows hold) are
 * created by the store that uses them at open, {@code CREATE INDEX IF NOT EXISTS}, outside the
 * numbered steps. The only package that touches JDBC, and only the composition root ({@code app})
 * constructs its classes; everything else uses the interfaces (both checked by {@code
 * NodeArchitectureTest}). Depends on {@code node.store}, {@code node.wire}, {@code node.address},
 * {@code node.crypto}, the PoW definitions' {@code Difficulty}, SLF4J and the JDBC driver.
 */
package dev.bitmsg.node.store.sqlite;
