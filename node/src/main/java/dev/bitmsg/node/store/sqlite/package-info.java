/**
 * SQLite implementations of the {@code node.store} interfaces (sqlite-jdbc): one database file per
 * node in WAL mode, schema migrations applied in order at open, prepared statements only. Depends
 * on {@code node.store}, {@code node.wire} and the JDBC driver.
 */
package dev.bitmsg.node.store.sqlite;
