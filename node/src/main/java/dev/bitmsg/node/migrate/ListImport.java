package dev.bitmsg.node.migrate;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.AddressException;
import dev.bitmsg.node.store.IdentityStore;
import dev.bitmsg.node.store.SenderList;
import dev.bitmsg.node.store.SenderLists;
import java.util.HashSet;
import java.util.Set;

/**
 * The address lists of a messages.dat: the address book (into the client API's state),
 * subscriptions with their enabled flags, the blacklist and the whitelist (into the sender lists).
 * An entry already here is left alone; an address that does not decode is skipped. Not thread-safe.
 */
final class ListImport {
  static final String ADDRESS_BOOK = "address book";
  static final String SUBSCRIPTIONS = "subscriptions";
  static final String BLACKLIST = "blacklist";
  static final String WHITELIST = "whitelist";

  private final AddressCodec codec;
  private final ImportTargets to;
  private final ImportReport report;

  ListImport(AddressCodec codec, ImportTargets to, ImportReport report) {
    this.codec = codec;
    this.to = to;
    this.report = report;
  }

  void run(MessagesDat dat, long now, boolean dryRun) {
    report.expect(ADDRESS_BOOK);
    Set<String> book = new HashSet<>();
    to.clientState().contacts().forEach(c -> book.add(c.address()));
    for (MessagesDat.ListRow r : dat.rows(MessagesDat.AddressTable.ADDRESSBOOK)) {
      if (valid(ADDRESS_BOOK, r) && book.add(r.address())) {
        if (!dryRun) {
          to.clientState().addContact(r.address(), r.label());
        }
        report.added(ADDRESS_BOOK);
      } else if (book.contains(r.address())) {
        report.present(ADDRESS_BOOK);
      }
    }
    report.expect(SUBSCRIPTIONS);
    Set<String> subscribed = new HashSet<>();
    to.identities().subscriptions().forEach(s -> subscribed.add(s.address()));
    for (MessagesDat.ListRow r : dat.rows(MessagesDat.AddressTable.SUBSCRIPTIONS)) {
      if (valid(SUBSCRIPTIONS, r) && subscribed.add(r.address())) {
        if (!dryRun) {
          to.identities()
              .subscribe(new IdentityStore.Subscription(r.address(), r.label(), r.enabled()), now);
        }
        report.added(SUBSCRIPTIONS);
      } else if (subscribed.contains(r.address())) {
        report.present(SUBSCRIPTIONS);
      }
    }
    senderList(dat, MessagesDat.AddressTable.BLACKLIST, SenderList.BLACK, BLACKLIST, dryRun);
    senderList(dat, MessagesDat.AddressTable.WHITELIST, SenderList.WHITE, WHITELIST, dryRun);
  }

  private void senderList(
      MessagesDat dat,
      MessagesDat.AddressTable table,
      SenderList list,
      String kind,
      boolean dryRun) {
    report.expect(kind);
    Set<String> listed = new HashSet<>();
    to.senderLists().entries(list).forEach(e -> listed.add(e.address()));
    for (MessagesDat.ListRow r : dat.rows(table)) {
      if (valid(kind, r) && listed.add(r.address())) {
        if (!dryRun) {
          to.senderLists().add(new SenderLists.Entry(list, r.address(), r.label(), r.enabled()));
        }
        report.added(kind);
      } else if (listed.contains(r.address())) {
        report.present(kind);
      }
    }
  }

  private boolean valid(String kind, MessagesDat.ListRow r) {
    try {
      codec.decode(r.address());
      return true;
    } catch (AddressException e) {
      report.skipped(kind, "'" + r.address() + "': " + e.getMessage());
      return false;
    }
  }
}
