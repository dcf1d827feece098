/**
 * The JSON encoding shared by the RPC parts of the node: {@link dev.bitmsg.node.rpc.JsonValues}, a
 * small strict JSON reader and writer, and {@link dev.bitmsg.node.rpc.RpcFormatException}, a
 * request or answer that is not valid XML-RPC or JSON-RPC. Used by the client API (server and
 * client), the Namecoin client and the CLI's JSON output. Depends on the JDK only.
 */
package dev.bitmsg.node.rpc;
