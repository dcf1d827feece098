/**
 * The JSON shared by the RPC parts of the node: {@link dev.bitmsg.node.rpc.Json}, the one strict
 * JSON reader and writer (on Gson's streaming API), and {@link
 * dev.bitmsg.node.rpc.RpcFormatException}, a request or answer that is not valid XML-RPC or
 * JSON-RPC. Used by the client API (server and client), the Namecoin client and the commands' JSON
 * output. The only package that uses Gson ({@code NodeArchitectureTest}). Depends on the JDK and
 * Gson.
 */
package dev.bitmsg.node.rpc;
