package dev.bitmsg.node.messaging;

import dev.bitmsg.node.store.IdentityStore;
import dev.bitmsg.node.store.Inbox;
import dev.bitmsg.node.store.MailingLists;
import dev.bitmsg.node.store.Outbox;
import dev.bitmsg.node.store.PubkeyStore;
import dev.bitmsg.node.store.PubkeyWorkJobs;
import dev.bitmsg.node.store.SenderLists;

/**
 * The stores the messaging layer works on, as their interfaces (SQLite in a node, the same in
 * tests). Immutable.
 *
 * @param identities own identities, subscriptions and the key vault
 * @param outbox outgoing messages and broadcasts with their status history
 * @param inbox received messages and broadcasts
 * @param pubkeys verified pubkeys of others
 * @param pubkeyWork own pubkey publications and getpubkey requests
 * @param senderLists the blacklist and whitelist of senders and which one is in use
 * @param mailingLists own addresses that re-broadcast what they receive
 */
public record MessagingStores(
    IdentityStore identities,
    Outbox outbox,
    Inbox inbox,
    PubkeyStore pubkeys,
    PubkeyWorkJobs pubkeyWork,
    SenderLists senderLists,
    MailingLists mailingLists) {

  /**
   * These stores with the inbox, the outbox and the pubkey work told to {@code listeners} after
   * every committed change: the composition root hands the observed stores to every messaging
   * component, so no change escapes the listeners.
   */
  public MessagingStores observedBy(MessagingListeners listeners) {
    return new MessagingStores(
        identities,
        new ObservedOutbox(outbox, listeners),
        new ObservedInbox(inbox, listeners),
        pubkeys,
        new ObservedPubkeyWorkJobs(pubkeyWork, listeners),
        senderLists,
        mailingLists);
  }
}
