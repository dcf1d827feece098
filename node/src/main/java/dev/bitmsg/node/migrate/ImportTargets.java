package dev.bitmsg.node.migrate;

import dev.bitmsg.node.store.ClientState;
import dev.bitmsg.node.store.IdentityStore;
import dev.bitmsg.node.store.KnownNodes;
import dev.bitmsg.node.store.MailingLists;
import dev.bitmsg.node.store.MessageImport;
import dev.bitmsg.node.store.SenderLists;

/**
 * The stores of this node that an import fills: identities and subscriptions, messages (with their
 * PyBitmessage ids), the client API's state (address book, read and trash marks of received
 * messages), known nodes, the sender lists and the mailing lists. Immutable.
 */
public record ImportTargets(
    IdentityStore identities,
    MessageImport messages,
    ClientState clientState,
    KnownNodes knownNodes,
    SenderLists senderLists,
    MailingLists mailingLists) {}
