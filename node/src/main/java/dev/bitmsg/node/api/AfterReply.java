package dev.bitmsg.node.api;

/**
 * A method's result plus work that must wait until the reply has been written to the client (a
 * shutdown must not cut off its own "done"). {@link ApiServer} sends {@code result} as usual,
 * closes the exchange, then runs {@code action} on the request thread. Immutable.
 */
record AfterReply(Object result, Runnable action) {}
