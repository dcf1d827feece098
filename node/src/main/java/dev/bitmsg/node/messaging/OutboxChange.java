package dev.bitmsg.node.messaging;

import dev.bitmsg.node.store.OutboxEntry;
import java.util.Optional;

/**
 * An outbox row was queued or changed status: the row as it is now and as it was before (empty for
 * a row just queued). Immutable.
 */
public record OutboxChange(OutboxEntry entry, Optional<OutboxEntry> previous) {}
