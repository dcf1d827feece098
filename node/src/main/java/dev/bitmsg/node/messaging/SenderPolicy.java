package dev.bitmsg.node.messaging;

import dev.bitmsg.node.store.IdentityStore;
import dev.bitmsg.node.store.SenderList;
import dev.bitmsg.node.store.SenderLists;

/**
 * PyBitmessage's rules about who may reach this node's inbox (class_objectProcessor.processmsg and
 * shared.isAddressInMyAddressBookSubscriptionsListOrWhitelist), over the stored sender lists:
 *
 * <ul>
 *   <li>with the blacklist in use (the default) a msg from an enabled blacklist entry is refused;
 *       with the whitelist in use a msg from anyone without an enabled whitelist entry is refused.
 *       A refused msg is not filed, not acknowledged and not re-broadcast by a mailing list;
 *   <li>a sender on the whitelist or an enabled subscription may send to an own address with the
 *       network's minimum proof of work, whatever more that address demands.
 * </ul>
 *
 * <p>Broadcasts: PyBitmessage applies neither list to them (a broadcast reaches the inbox only
 * through a subscription). Here a blacklisted sender's broadcasts are refused as well while the
 * blacklist is in use, so a blacklisted sender never reaches the inbox; the whitelist is not
 * applied to broadcasts (the subscription is the consent). Thread-safe (the stores are).
 */
final class SenderPolicy {
  private final SenderLists lists;
  private final IdentityStore identities;

  SenderPolicy(SenderLists lists, IdentityStore identities) {
    this.lists = lists;
    this.identities = identities;
  }

  /** Whether a msg from {@code from} is refused by the list in use. */
  boolean refusesMsg(String from) {
    return lists.mode() == SenderList.BLACK
        ? lists.isListed(SenderList.BLACK, from)
        : !lists.isListed(SenderList.WHITE, from);
  }

  /**
   * Whether a broadcast from {@code from} is refused: blacklisted while the blacklist is in use.
   */
  boolean refusesBroadcast(String from) {
    return lists.mode() == SenderList.BLACK && lists.isListed(SenderList.BLACK, from);
  }

  /** Whether {@code from} may send with the network's minimum proof of work. */
  boolean friendly(String from) {
    return lists.isListed(SenderList.WHITE, from)
        || identities.subscriptions().stream()
            .anyMatch(s -> s.enabled() && s.address().equals(from));
  }
}
