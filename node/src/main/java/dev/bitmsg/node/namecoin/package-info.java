/**
 * Resolving Namecoin names ({@code id/alice}) to Bitmessage addresses through a namecoind JSON-RPC
 * server ({@link dev.bitmsg.node.namecoin.NamecoinResolver}), as PyBitmessage does. Depends on
 * {@code node.address} and {@code node.rpc} (JSON).
 */
package dev.bitmsg.node.namecoin;
