package dev.bitmsg.node.migrate;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.address.IniFile;
import dev.bitmsg.node.address.KeysDat;
import dev.bitmsg.node.store.IdentityStore;
import dev.bitmsg.node.store.MailingLists;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Writes this node's identities as a PyBitmessage keys.dat: one section per identity with the
 * options PyBitmessage's address generator writes ({@code label}, {@code enabled}, {@code decoy},
 * {@code chan}, {@code noncetrialsperbyte}, {@code payloadlengthextrabytes}, {@code
 * privsigningkey}, {@code privencryptionkey}) plus {@code lastpubkeysendtime}, {@code dontsendack}
 * and the mailing-list flags. Into an existing keys.dat the sections are merged (its settings and
 * other identities stay); a new one gets the {@code [bitmessagesettings]} PyBitmessage needs to
 * load it as an existing setup rather than start afresh ({@code settingsversion}, the default
 * difficulty of new addresses). Stateless.
 */
public final class KeysDatExport {
  /** The settings version helper_startup.py writes for a new keys.dat in PyBitmessage 0.6. */
  static final String SETTINGS_VERSION = "10";

  private final KeysDat keysDat;
  private final AddressCodec codec;

  public KeysDatExport(KeysDat keysDat, AddressCodec codec) {
    this.keysDat = keysDat;
    this.codec = codec;
  }

  /** {@code into} (or a new file when empty) with every identity of {@code identities}. */
  public IniFile export(IniFile into, IdentityStore identities, MailingLists mailingLists) {
    IniFile ini = into;
    if (!ini.hasSection(KeysDat.SETTINGS)) {
      ini =
          ini.with(KeysDat.SETTINGS, "settingsversion", SETTINGS_VERSION)
              .with(KeysDat.SETTINGS, "defaultnoncetrialsperbyte", "1000")
              .with(KeysDat.SETTINGS, "defaultpayloadlengthextrabytes", "1000");
    }
    Map<String, String> lists = mailingLists.all();
    for (Identity id : identities.identities()) {
      String address = codec.encode(id.address());
      ini = keysDat.put(ini, id);
      OptionalLong sent = identities.pubkeySent(address);
      if (sent.isPresent()) {
        ini = ini.with(address, "lastpubkeysendtime", Long.toString(sent.getAsLong()));
      }
      String list = lists.get(address);
      if (list != null) {
        ini =
            ini.with(address, "mailinglist", "true")
                .with(address, "mailinglistname", list.replace("%", "%%"));
      } else if (ini.get(address, "mailinglist").isPresent()) {
        ini = ini.with(address, "mailinglist", "false");
      }
    }
    return ini;
  }
}
