package dev.bitmsg.node.store;

import dev.bitmsg.node.wire.Bytes;
import java.util.Collection;
import java.util.List;

/** Received messages and broadcasts. Implementations are thread-safe. */
public interface Inbox {
  /** Stores {@code entry} (id ignored) unless its sigHash is known; true when stored. */
  boolean add(InboxEntry entry);

  List<InboxEntry> received();

  long count();

  /**
   * Deletes the messages with these ids (an imported message's msgid, else its signature hash;
   * unknown ones are skipped); returns the count.
   */
  int delete(Collection<Bytes> ids);
}
