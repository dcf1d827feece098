package dev.bitmsg.node.migrate;

import dev.bitmsg.node.wire.Bytes;
import java.util.List;
import java.util.Map;

/**
 * PyBitmessage's {@code messages.dat} as read by an import: the rows of the tables that carry a
 * user's mail and lists, in the layout of its latest schema (settings version 11, {@code
 * class_sqlThread.py}). Texts are what PyBitmessage stored (subject and body apart, decoded); ids
 * and ack data are its raw bytes. Implementations read the file without changing it.
 */
public interface MessagesDat extends AutoCloseable {
  /** PyBitmessage's inbox recipient of broadcasts ({@code toaddress} of a broadcast row). */
  String BROADCAST_TO = "[Broadcast subscribers]";

  /**
   * A row of {@code inbox}: {@code msgid} is the object's inventory hash, {@code folder} {@code
   * inbox} or {@code trash}, {@code sigHash} {@code dsha512(signature)[32..64]} (empty in rows
   * older than schema version 9). Immutable.
   */
  record InboxRow(
      Bytes msgid,
      String to,
      String from,
      String subject,
      long received,
      String body,
      String folder,
      long encoding,
      boolean read,
      Bytes sigHash) {}

  /**
   * A row of {@code sent}: {@code msgid} a random 16-byte id, {@code status} PyBitmessage's word
   * ({@code msgqueued}, {@code msgsent}, {@code ackreceived}, ...), {@code folder} {@code sent} or
   * {@code trash}, times in epoch seconds. Immutable.
   */
  record SentRow(
      Bytes msgid,
      String to,
      String from,
      String subject,
      String body,
      Bytes ackData,
      long sentTime,
      long lastActionTime,
      long sleepTill,
      String status,
      int retryNumber,
      String folder,
      long encoding,
      long ttl) {}

  /**
   * A row of {@code addressbook}, {@code subscriptions}, {@code blacklist} or {@code whitelist}
   * (the address book has no enabled column: its rows read as enabled). Immutable.
   */
  record ListRow(String label, String address, boolean enabled) {}

  /** The tables of address lists. */
  enum AddressTable {
    ADDRESSBOOK,
    SUBSCRIPTIONS,
    BLACKLIST,
    WHITELIST
  }

  /** The schema version in the {@code settings} table. */
  int version();

  List<InboxRow> inbox();

  List<SentRow> sent();

  List<ListRow> rows(AddressTable table);

  /**
   * Row counts of the tables an import leaves alone ({@code pubkeys}, {@code inventory}, {@code
   * objectprocessorqueue}), for the report.
   */
  Map<String, Long> otherTables();

  @Override
  void close();
}
