package dev.bitmsg.node.api;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.IdentityGenerator;
import dev.bitmsg.node.messaging.Messenger;
import dev.bitmsg.node.messaging.PowWorker;
import dev.bitmsg.node.net.NodeNetwork;
import dev.bitmsg.node.net.ObjectCounters;
import dev.bitmsg.node.store.ClientState;
import dev.bitmsg.node.store.Inbox;
import dev.bitmsg.node.store.Inventory;
import dev.bitmsg.node.store.MailingLists;
import dev.bitmsg.node.store.Outbox;
import dev.bitmsg.node.store.SenderLists;
import dev.bitmsg.node.store.Vacuum;
import java.time.Clock;
import java.util.Optional;

/**
 * Everything the client API calls on, handed in by the composition root: the messaging facade, the
 * API's own state, and the node's parts as interfaces. Immutable.
 *
 * @param clientState the address book and the read and trashed marks ({@code api.db})
 */
public record ApiPorts(
    Messenger messenger,
    ClientState clientState,
    AddressCodec codec,
    IdentityGenerator generator,
    Network network,
    Maintenance maintenance,
    Lists lists) {

  /**
   * The node's lists the extensions edit: the sender lists and the mailing lists. Immutable.
   *
   * @param senderLists the blacklist and whitelist of senders and which one is in use
   * @param mailingLists own addresses that re-broadcast what they receive
   */
  public record Lists(SenderLists senderLists, MailingLists mailingLists) {}

  /**
   * The node's network as the status, connection and object calls use it. Immutable.
   *
   * @param counters objects stored since start (clientStatus)
   * @param inventory objects read by tag (getMessageDataByDestinationHash)
   * @param pow the node's proof of work, for objects handed in without a nonce
   * @param softwareVersion the version clientStatus reports
   */
  public record Network(
      NodeNetwork peers,
      ObjectCounters counters,
      Inventory inventory,
      PowWorker pow,
      Clock clock,
      String softwareVersion) {}

  /**
   * What the housekeeping calls act on. Immutable.
   *
   * @param nodeDatabase the node's database, vacuumed by deleteAndVacuum
   * @param shutdown stops the node process (the {@code shutdown} call, run after its reply is
   *     written); empty: the call is refused
   */
  public record Maintenance(
      Inbox inbox, Outbox outbox, Vacuum nodeDatabase, Optional<Runnable> shutdown) {}
}
