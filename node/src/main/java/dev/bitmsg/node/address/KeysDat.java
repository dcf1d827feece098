package dev.bitmsg.node.address;

import dev.bitmsg.node.crypto.KeyFactory;
import dev.bitmsg.node.crypto.KeyPair;
import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.pow.Difficulty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes PyBitmessage's keys.dat: a {@code [bitmessagesettings]} section plus one section
 * per own address, named by the address, with {@code label}, {@code enabled}, {@code decoy}, {@code
 * chan}, {@code noncetrialsperbyte}, {@code payloadlengthextrabytes}, {@code dontsendack}, {@code
 * privsigningkey}, {@code privencryptionkey} (WIF) and {@code lastpubkeysendtime}. Options we do
 * not model are kept, so that a file read and written again keeps them. On reading, every identity
 * is checked: its keys must hash to the ripe of its section name. Thread-safe.
 */
public final class KeysDat {
  public static final String SETTINGS = "bitmessagesettings";

  private final AddressCodec codec;
  private final AddressCrypto addressCrypto;
  private final KeyFactory keys;
  private final Wif wif;

  public KeysDat(AddressCodec codec, AddressCrypto addressCrypto, KeyFactory keys, Wif wif) {
    this.codec = codec;
    this.addressCrypto = addressCrypto;
    this.keys = keys;
    this.wif = wif;
  }

  /**
   * The identities of a keys.dat file in file order.
   *
   * @throws KeysDatException when a section named like an address is broken
   */
  public List<Identity> identities(IniFile ini) {
    List<Identity> out = new ArrayList<>();
    for (String name : ini.sectionNames()) {
      if (name.startsWith(AddressCodec.PREFIX)) {
        out.add(identity(ini, name));
      }
    }
    return out;
  }

  /**
   * The identity of section {@code name}.
   *
   * @throws KeysDatException when the section is broken
   */
  public Identity identity(IniFile ini, String name) {
    Map<String, String> s = ini.section(name);
    BitmessageAddress address;
    try {
      address = codec.decode(name);
    } catch (AddressException e) {
      throw new KeysDatException("[" + name + "]: " + e.getMessage(), e);
    }
    KeyPair signing = keyPair(name, s, "privsigningkey");
    KeyPair encryption = keyPair(name, s, "privencryptionkey");
    Ripe ripe = addressCrypto.ripe(signing.publicKey(), encryption.publicKey());
    if (!ripe.equals(address.ripe())) {
      throw new KeysDatException(
          "[" + name + "]: keys hash to ripe " + ripe + ", not the address's " + address.ripe());
    }
    return new Identity(
        address,
        signing,
        encryption,
        unescape(s.getOrDefault("label", "")),
        new Difficulty(
            Math.max(Difficulty.NETWORK_MINIMUM, number(name, s, "noncetrialsperbyte")),
            Math.max(Difficulty.NETWORK_MINIMUM, number(name, s, "payloadlengthextrabytes"))),
        bool(name, s, "enabled", true),
        bool(name, s, "chan", false),
        !bool(name, s, "dontsendack", false));
  }

  /** {@code ini} with {@code identity}'s section written (other options of that section kept). */
  public IniFile put(IniFile ini, Identity identity) {
    String name = codec.encode(identity.address());
    IniFile out = ini.hasSection(SETTINGS) ? ini : ini.withSection(SETTINGS);
    out =
        out.with(name, "label", escape(identity.label()))
            .with(name, "enabled", Boolean.toString(identity.enabled()));
    if (out.get(name, "decoy").isEmpty()) {
      out = out.with(name, "decoy", "false");
    }
    out =
        out.with(name, "privsigningkey", wif.encode(identity.signing().privateKey()))
            .with(name, "privencryptionkey", wif.encode(identity.encryption().privateKey()))
            .with(
                name,
                "noncetrialsperbyte",
                Long.toString(identity.difficulty().nonceTrialsPerByte()))
            .with(
                name,
                "payloadlengthextrabytes",
                Long.toString(identity.difficulty().payloadLengthExtraBytes()));
    if (identity.chan() || out.get(name, "chan").isPresent()) {
      out = out.with(name, "chan", Boolean.toString(identity.chan()));
    }
    if (!identity.sendAcks() || out.get(name, "dontsendack").isPresent()) {
      out = out.with(name, "dontsendack", Boolean.toString(!identity.sendAcks()));
    }
    return out;
  }

  /** A fresh keys.dat holding {@code identities}. */
  public IniFile write(List<Identity> identities) {
    IniFile ini = IniFile.empty().withSection(SETTINGS);
    for (Identity id : identities) {
      ini = put(ini, id);
    }
    return ini;
  }

  private KeyPair keyPair(String name, Map<String, String> s, String option) {
    String value = s.get(option);
    if (value == null) {
      throw new KeysDatException("[" + name + "]: missing " + option);
    }
    PrivateKey key;
    try {
      key = wif.decode(value);
    } catch (IllegalArgumentException e) {
      throw new KeysDatException("[" + name + "]: " + option + ": " + e.getMessage(), e);
    }
    return keys.keyPair(key);
  }

  private static long number(String name, Map<String, String> s, String option) {
    String v = s.get(option);
    if (v == null) {
      return Difficulty.NETWORK_MINIMUM;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new KeysDatException("[" + name + "]: " + option + " is not a number: " + v);
    }
  }

  /** configparser's {@code getboolean} words. */
  private static boolean bool(String name, Map<String, String> s, String option, boolean absent) {
    String v = s.get(option);
    if (v == null) {
      return absent;
    }
    switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "1", "yes", "true", "on" -> {
        return true;
      }
      case "0", "no", "false", "off" -> {
        return false;
      }
      default ->
          throw new KeysDatException("[" + name + "]: " + option + " is not a boolean: " + v);
    }
  }

  /** configparser's interpolation escape: a literal '%' is stored as "%%". */
  static String escape(String value) {
    return value.replace("%", "%%");
  }

  static String unescape(String raw) {
    return raw.replace("%%", "%");
  }
}
