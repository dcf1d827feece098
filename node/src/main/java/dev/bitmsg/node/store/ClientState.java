package dev.bitmsg.node.store;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What only the client API keeps: the address book and the read and trashed marks of inbox and sent
 * messages (the messaging stores keep every message; the API hides trashed ones). Implementations
 * are thread-safe.
 */
public interface ClientState extends AutoCloseable {
  /** An address book entry. Immutable. */
  record Contact(String address, String label) {}

  /** Adds an entry; false when the address is already in the book. */
  boolean addContact(String address, String label);

  boolean deleteContact(String address);

  List<Contact> contacts();

  void markRead(String msgid, boolean read);

  void trashInbox(String msgid);

  Set<String> readInbox();

  /** Whether the inbox message {@code msgid} carries the read mark (one lookup). */
  default boolean isRead(String msgid) {
    return readInbox().contains(msgid);
  }

  Set<String> trashedInbox();

  void trashSent(long outboxId);

  Set<Long> trashedSent();

  /** Drops the marks of inbox messages and sent rows that were deleted for good. */
  void forget(Collection<String> inboxMsgids, Collection<Long> outboxIds);

  /** Rebuilds the state file to give the space of deleted rows back to the file system. */
  void vacuum();

  @Override
  void close();
}
