/**
 * The PyBitmessage-compatible client API (PROTOCOL.md section 10): {@link
 * dev.bitmsg.node.api.ApiServer} (JDK HTTP server, XML-RPC or JSON-RPC) runs calls of {@link
 * dev.bitmsg.node.api.ApiMethods}, the method table over one class per area; everything the calls
 * reach comes in through {@link dev.bitmsg.node.api.ApiPorts} from the composition root (the
 * messaging facade, the API's own state, the node's network, the node's PoW worker). Also the
 * client side used by the CLI ({@link dev.bitmsg.node.api.ApiClient}, {@link
 * dev.bitmsg.node.api.ApiCredentials}). Depends on {@code node.messaging}, {@code node.net} (ports
 * and value types), {@code node.store} (interfaces), {@code node.address}, {@code node.content},
 * {@code node.wire}, {@code node.rpc} and the PoW definitions; never on {@code app}.
 *
 * <p>Cost rule: no call reads more of the mailbox than its answer holds. Id listings read id
 * columns only, lookups by msgid or ackData are index lookups, read and trash marks are read once
 * per call, and XML-RPC answers are streamed to the socket as they are encoded ({@code bm bench
 * mailbox} measures it).
 */
package dev.bitmsg.node.api;
