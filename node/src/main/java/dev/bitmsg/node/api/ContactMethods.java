package dev.bitmsg.node.api;

import static dev.bitmsg.node.api.AddressArguments.normal;
import static dev.bitmsg.node.api.ApiMethods.b64;
import static dev.bitmsg.node.api.ApiMethods.ordered;

import dev.bitmsg.node.messaging.Messenger;
import dev.bitmsg.node.store.ClientState;
import dev.bitmsg.node.store.IdentityStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API calls on other people's addresses: broadcast subscriptions (kept by the node, which
 * decrypts their broadcasts) and the address book (kept in the API's state file). Thread-safe (the
 * messaging facade and {@link ClientState} are).
 */
final class ContactMethods {
  private final Messenger messenger;
  private final ClientState state;
  private final AddressArguments addresses;

  ContactMethods(Messenger messenger, ClientState state, AddressArguments addresses) {
    this.messenger = messenger;
    this.state = state;
    this.addresses = addresses;
  }

  Object addSubscription(Params p) {
    String a = addresses.checkedAddress(p.string(0));
    String label = p.text(1, "");
    if (messenger.subscriptions().stream().anyMatch(s -> s.address().equals(a))) {
      throw new ApiError(16, "You are already subscribed to that address.");
    }
    messenger.subscribe(a, label);
    return "Added subscription.";
  }

  Object deleteSubscription(Params p) {
    messenger.unsubscribe(normal(p.string(0)));
    return "Deleted subscription if it existed.";
  }

  Object listSubscriptions(Params p) {
    List<Object> out = new ArrayList<>();
    for (IdentityStore.Subscription s : messenger.subscriptions()) {
      out.add(ordered("label", b64(s.label()), "address", s.address(), "enabled", s.enabled()));
    }
    return Map.of("subscriptions", out);
  }

  Object addAddressBookEntry(Params p) {
    String a = addresses.checkedAddress(p.string(0));
    String label = p.text(1, "");
    if (!state.addContact(a, label)) {
      throw new ApiError(16, "You already have this address in your address book.");
    }
    return "Added address " + a + " to address book";
  }

  Object listAddressBookEntries(Params p) {
    Optional<String> filter = p.size() > 0 ? Optional.of(p.string(0)) : Optional.empty();
    List<Object> out = new ArrayList<>();
    for (ClientState.Contact c : state.contacts()) {
      if (filter.isEmpty() || c.label().equals(filter.get())) {
        out.add(ordered("label", b64(c.label()), "address", c.address()));
      }
    }
    return Map.of("addresses", out);
  }

  Object deleteAddressBookEntry(Params p) {
    String a = addresses.checkedAddress(p.string(0));
    state.deleteContact(a);
    return "Deleted address book entry for " + a + " if it existed";
  }
}
