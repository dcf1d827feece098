package dev.bitmsg.node.store;

import java.util.Map;
import java.util.Optional;

/**
 * Own addresses that act as mailing lists (PyBitmessage's per-address {@code mailinglist} and
 * {@code mailinglistname} settings): a msg one of them receives is re-broadcast from it. The entry
 * of an address goes with the identity. Implementations are thread-safe.
 */
public interface MailingLists {
  /** The mailing-list name of {@code address} when it is a mailing list (the name may be empty). */
  Optional<String> name(String address);

  /**
   * Makes {@code address} a mailing list named {@code name}, or (empty) an ordinary address again.
   *
   * @throws StoreException when {@code address} is not an own identity
   */
  void set(String address, Optional<String> name);

  /** Every mailing list: address to name. */
  Map<String, String> all();
}
