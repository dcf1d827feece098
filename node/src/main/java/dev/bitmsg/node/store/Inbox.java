package dev.bitmsg.node.store;

import java.util.List;

/** Received messages and broadcasts. Implementations are thread-safe. */
public interface Inbox {
  /** Stores {@code entry} (id ignored) unless its sigHash is known; true when stored. */
  boolean add(InboxEntry entry);

  List<InboxEntry> received();

  long count();
}
