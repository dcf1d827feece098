package dev.bitmsg.node.api;

/**
 * The answer of a lookup that found nothing. PyBitmessage answers such calls with {@code None}: the
 * legacy variant sends it as the JSON text {@code null}, as PyBitmessage does; XML-RPC has no
 * {@code None} by default (PyBitmessage's server faults), so the other variants send {@code
 * otherwise}, the empty form of the answer. Immutable.
 */
record Absent(Object otherwise) {}
