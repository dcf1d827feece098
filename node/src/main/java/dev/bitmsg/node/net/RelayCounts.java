package dev.bitmsg.node.net;

/**
 * Objects this node passed on to peers without having made them, since start: entries of the invs
 * it sent ({@code announced}) and objects it sent in answer to getdata ({@code served}), one count
 * per object per peer. Immutable.
 */
public record RelayCounts(long announced, long served) {}
