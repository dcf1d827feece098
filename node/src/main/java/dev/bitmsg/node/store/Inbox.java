package dev.bitmsg.node.store;

import dev.bitmsg.node.wire.Bytes;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Received messages and broadcasts. Implementations are thread-safe. */
public interface Inbox {
  /** Stores {@code entry} (id ignored) unless its sigHash is known; true when stored. */
  boolean add(InboxEntry entry);

  List<InboxEntry> received();

  /**
   * The msgid of every message (an imported message's msgid, else its signature hash), oldest
   * first, without reading the messages themselves: what an id listing needs, at a cost per message
   * of one index entry.
   */
  default List<Bytes> msgids() {
    return received().stream().map(InboxEntry::apiMsgid).toList();
  }

  /**
   * The message with this msgid (an imported message's msgid, else its signature hash; an index
   * lookup).
   */
  default Optional<InboxEntry> find(Bytes msgid) {
    return received().stream().filter(e -> e.apiMsgid().equals(msgid)).findFirst();
  }

  /** The messages to the own address {@code to}, oldest first (broadcasts have no recipient). */
  default List<InboxEntry> receivedBy(String to) {
    return received().stream().filter(e -> e.to().map(to::equals).orElse(false)).toList();
  }

  long count();

  /**
   * Deletes the messages with these ids (an imported message's msgid, else its signature hash;
   * unknown ones are skipped); returns the count.
   */
  int delete(Collection<Bytes> ids);
}
