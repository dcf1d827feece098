package dev.bitmsg.node.store;

import dev.bitmsg.node.wire.Bytes;
import java.util.Optional;

/**
 * A received message or broadcast. {@code sigHash} ({@code dsha512(signature)[32..64]}) makes
 * duplicates detectable. Immutable.
 *
 * @param to the own address (msg) or empty (broadcast)
 */
public record InboxEntry(
    long id,
    OutboxEntry.Kind kind,
    Optional<String> to,
    String from,
    long encoding,
    Bytes message,
    long received,
    Bytes sigHash) {}
