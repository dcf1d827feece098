package dev.bitmsg.node.store;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What only the client API keeps: the address book and the read and trashed marks of inbox messages
 * (the inbox keeps every message; the API lists trashed ones only by id, as PyBitmessage does). The
 * sent folder is the outbox's own ({@link Outbox#setTrashed}): trashing a sent message stops its
 * sending. Implementations are thread-safe.
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

  /** Takes an inbox message out of the trash (PyBitmessage's {@code undeleteMessage}). */
  void untrashInbox(String msgid);

  Set<String> readInbox();

  /** Whether the inbox message {@code msgid} carries the read mark (one lookup). */
  default boolean isRead(String msgid) {
    return readInbox().contains(msgid);
  }

  Set<String> trashedInbox();

  /**
   * The sent-message trash marks an older version kept here, before the outbox had its own trash
   * (outbox ids); the caller moves them into the outbox, then {@link #dropOldSentTrash()}.
   */
  Set<Long> oldSentTrash();

  void dropOldSentTrash();

  /** Drops the marks of inbox messages that were deleted for good. */
  void forget(Collection<String> inboxMsgids);

  /** Rebuilds the state file to give the space of deleted rows back to the file system. */
  void vacuum();

  @Override
  void close();
}
