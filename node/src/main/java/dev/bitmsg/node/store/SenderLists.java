package dev.bitmsg.node.store;

import java.util.List;

/**
 * The blacklist and the whitelist of senders with PyBitmessage's semantics ({@code blacklist} and
 * {@code whitelist} tables: label, address, enabled; the {@code blackwhitelist} setting), and which
 * of the two is in use ({@link #mode()}, {@link SenderList#BLACK} until set). Only enabled entries
 * count. Addresses are keyed by their {@code BM-} text. Implementations are thread-safe.
 */
public interface SenderLists {
  /** One entry of a list. Immutable. */
  record Entry(SenderList list, String address, String label, boolean enabled) {}

  /** The list in use: black (refuse listed senders) or white (accept only listed senders). */
  SenderList mode();

  void setMode(SenderList mode);

  /** Adds an entry; false when the address is already on that list (nothing changes). */
  boolean add(Entry entry);

  boolean remove(SenderList list, String address);

  /** Enables or disables an entry; false when the address is not on that list. */
  boolean setEnabled(SenderList list, String address, boolean enabled);

  /** The entries of a list in the order they were added. */
  List<Entry> entries(SenderList list);

  /** Whether {@code address} has an enabled entry on {@code list}. */
  boolean isListed(SenderList list, String address);
}
