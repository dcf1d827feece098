package dev.bitmsg.node.migrate;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.address.IniFile;
import dev.bitmsg.node.address.KeysDat;
import dev.bitmsg.node.address.KeysDatException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The identities of a keys.dat (every {@code BM-} section: chans, disabled ones, labels, demanded
 * difficulty, {@code dontsendack}), with what PyBitmessage keeps beside them: when the pubkey was
 * last published ({@code lastpubkeysendtime}, so a recent one is not published again at once) and
 * the mailing-list flags ({@code mailinglist}, {@code mailinglistname}). An identity already here
 * is left as it is; a broken section is skipped with the reason. Not thread-safe.
 */
final class IdentityImport {
  static final String KIND = "identities";
  static final String MAILING_LISTS = "mailing lists";

  private final KeysDat keysDat;
  private final AddressCodec codec;
  private final ImportTargets to;
  private final ImportReport report;

  IdentityImport(KeysDat keysDat, AddressCodec codec, ImportTargets to, ImportReport report) {
    this.keysDat = keysDat;
    this.codec = codec;
    this.to = to;
    this.report = report;
  }

  void run(IniFile keys, long now, boolean dryRun) {
    report.expect(KIND);
    for (String section : keys.sectionNames()) {
      if (!section.startsWith(AddressCodec.PREFIX)) {
        continue;
      }
      Identity id;
      try {
        id = keysDat.identity(keys, section);
      } catch (KeysDatException e) {
        report.skipped(KIND, String.valueOf(e.getMessage()));
        continue;
      }
      String address = codec.encode(id.address());
      if (to.identities().identity(address).isPresent()) {
        report.present(KIND);
        continue;
      }
      Map<String, String> options = keys.section(section);
      Optional<String> mailingList = mailingList(options);
      if (!dryRun) {
        to.identities().put(id, now);
        lastPubkeySend(options).ifPresent(t -> to.identities().markPubkeySent(address, t));
        mailingList.ifPresent(name -> to.mailingLists().set(address, Optional.of(name)));
      }
      report.added(KIND);
      if (mailingList.isPresent()) {
        report.added(MAILING_LISTS);
      }
    }
  }

  /** The mailing-list name when {@code mailinglist} is true (configparser's boolean words). */
  private static Optional<String> mailingList(Map<String, String> options) {
    String flag = options.getOrDefault("mailinglist", "").strip().toLowerCase(Locale.ROOT);
    if (!flag.equals("true") && !flag.equals("yes") && !flag.equals("on") && !flag.equals("1")) {
      return Optional.empty();
    }
    return Optional.of(options.getOrDefault("mailinglistname", "").replace("%%", "%").strip());
  }

  private static Optional<Long> lastPubkeySend(Map<String, String> options) {
    try {
      long t = Long.parseLong(options.getOrDefault("lastpubkeysendtime", "").strip());
      return t > 0 ? Optional.of(t) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
