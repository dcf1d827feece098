/**
 * The node's process level: the commands ({@link dev.bitmsg.node.app.NodeMain} and its subcommands:
 * node, the client commands that talk to a running node's API, address tools, object decode,
 * decrypt, health, demo, benchmarks) and the composition root {@link
 * dev.bitmsg.node.app.NodeAssembly}, which builds a running {@link dev.bitmsg.node.app.Node} from a
 * {@link dev.bitmsg.node.app.NodeSetup}. The only package that reaches the implementations ({@code
 * store.sqlite}, {@code crypto.bc}, the PoW providers) and that may depend on every other package;
 * nothing depends on it (checked by {@code NodeArchitectureTest}). The commands that are not the
 * node (address tools, client commands, decrypt, benchmarks) build the few parts they need
 * themselves; {@code bench mailbox} fills a data directory through the SQLite stores, then starts a
 * real node on it.
 */
package dev.bitmsg.node.app;
