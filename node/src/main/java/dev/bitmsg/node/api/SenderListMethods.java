package dev.bitmsg.node.api;

import static dev.bitmsg.node.api.ApiMethods.b64;
import static dev.bitmsg.node.api.ApiMethods.ordered;

import dev.bitmsg.node.store.SenderList;
import dev.bitmsg.node.store.SenderLists;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Extensions (PyBitmessage has the lists and the {@code blackwhitelist} setting but no API calls
 * for them): the blacklist and whitelist of senders, entries with base64 labels as in the address
 * book, and which list is in use. Thread-safe (the store is).
 */
final class SenderListMethods {
  private final SenderLists lists;
  private final AddressArguments addresses;

  SenderListMethods(SenderLists lists, AddressArguments addresses) {
    this.lists = lists;
    this.addresses = addresses;
  }

  Object add(SenderList list, Params p) {
    String a = addresses.checkedAddress(p.string(0));
    if (!lists.add(new SenderLists.Entry(list, a, p.text(1, ""), true))) {
      throw new ApiError(16, "You already have this address in your " + list.word() + "list.");
    }
    return "Added address " + a + " to the " + list.word() + "list";
  }

  Object delete(SenderList list, Params p) {
    String a = addresses.checkedAddress(p.string(0));
    lists.remove(list, a);
    return "Deleted " + list.word() + "list entry for " + a + " if it existed";
  }

  Object list(SenderList list, Params p) {
    List<Object> out = new ArrayList<>();
    for (SenderLists.Entry e : lists.entries(list)) {
      out.add(ordered("label", b64(e.label()), "address", e.address(), "enabled", e.enabled()));
    }
    return Map.of("addresses", out);
  }

  Object enable(SenderList list, Params p) {
    String a = addresses.checkedAddress(p.string(0));
    if (!lists.setEnabled(list, a, p.bool(1, true))) {
      throw new ApiError(
          21, "Unexpected API Failure - " + a + " is not on the " + list.word() + "list");
    }
    return "success";
  }

  Object mode(Params p) {
    return lists.mode().word();
  }

  Object setMode(Params p) {
    SenderList mode;
    try {
      mode = SenderList.parse(p.string(0));
    } catch (IllegalArgumentException e) {
      throw new ApiError(21, "Unexpected API Failure - " + e.getMessage());
    }
    lists.setMode(mode);
    return "success";
  }
}
