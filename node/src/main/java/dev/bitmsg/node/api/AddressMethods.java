package dev.bitmsg.node.api;

import static dev.bitmsg.node.api.ApiMethods.b64;
import static dev.bitmsg.node.api.ApiMethods.ordered;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.BitmessageAddress;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.address.IdentityGenerator;
import dev.bitmsg.node.messaging.Messenger;
import dev.bitmsg.node.store.MailingLists;
import dev.bitmsg.pow.Difficulty;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API calls on own addresses: decoding, listing, creating (random, deterministic, chans),
 * leaving chans, deleting and enabling, and the extensions for mailing lists. Thread-safe (the
 * messaging facade and the store are).
 */
final class AddressMethods {
  private final Messenger messenger;
  private final AddressCodec codec;
  private final IdentityGenerator generator;
  private final AddressArguments addresses;
  private final MailingLists mailingLists;

  AddressMethods(
      Messenger messenger,
      AddressCodec codec,
      IdentityGenerator generator,
      AddressArguments addresses,
      MailingLists mailingLists) {
    this.messenger = messenger;
    this.codec = codec;
    this.generator = generator;
    this.addresses = addresses;
    this.mailingLists = mailingLists;
  }

  /** PyBitmessage's {@code decodeAddress}: the decoded fields, or its fault for a bad address. */
  Map<String, Object> decodeAddress(String text) {
    BitmessageAddress a = addresses.verified(text);
    return ordered(
        "status",
        "success",
        "addressVersion",
        (long) a.version(),
        "streamNumber",
        a.stream(),
        "ripe",
        Base64.getEncoder().encodeToString(a.ripe().bytes()));
  }

  Map<String, Object> listAddresses(boolean labelBase64) {
    List<Object> out = new ArrayList<>();
    for (Identity id : messenger.identities()) {
      out.add(
          ordered(
              "label",
              labelBase64 ? b64(id.label()) : id.label(),
              "address",
              codec.encode(id.address()),
              "stream",
              id.address().stream(),
              "enabled",
              id.enabled(),
              "chan",
              id.chan()));
    }
    return Map.of("addresses", out);
  }

  Object createRandomAddress(Params p) {
    String label = p.text(0, "");
    boolean shorter = eighteenByteRipe(p, 1);
    return codec.encode(messenger.createRandom(label, shorter, demanded(p, 2, 3)).address());
  }

  /** PyBitmessage's eighteenByteRipe: a real boolean, else fault 23. */
  private static boolean eighteenByteRipe(Params p, int i) {
    Object v = p.size() > i ? p.get(i) : null;
    if (v == null) {
      return false;
    }
    if (!(v instanceof Boolean b)) {
      throw new ApiError(23, "Bool expected in eighteenByteRipe, saw " + v + " instead");
    }
    return b;
  }

  /**
   * The difficulty a new address demands, from PyBitmessage's totalDifficulty and
   * smallMessageDifficulty: multiples of the network default (0 or absent: the default), raised to
   * the network minimum.
   */
  private static Difficulty demanded(Params p, int total, int small) {
    return new Difficulty(
            times(multiplier(p, total), Difficulty.NETWORK_MINIMUM),
            times(multiplier(p, small), Difficulty.NETWORK_MINIMUM))
        .effective();
  }

  private static long times(double multiplier, long unit) {
    return multiplier == 0 ? unit : (long) (unit * multiplier);
  }

  private static double multiplier(Params p, int i) {
    Object v = p.size() > i ? p.get(i) : null;
    if (v == null) {
      return 0;
    }
    double d;
    if (v instanceof Long l) {
      d = l;
    } else if (v instanceof Double x) {
      d = x;
    } else if (v instanceof String s) {
      try {
        d = Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        throw new ApiError(0, "parameter " + (i + 1) + " must be a number, got '" + s + "'");
      }
    } else {
      throw new ApiError(0, "parameter " + (i + 1) + " must be a number");
    }
    if (d < 0 || Double.isNaN(d) || d * Difficulty.NETWORK_MINIMUM >= Long.MAX_VALUE) {
      throw new ApiError(0, "parameter " + (i + 1) + " is out of range: " + v);
    }
    return d;
  }

  Object createDeterministicAddresses(Params p) {
    String passphrase = p.text(0, "");
    long number = p.integer(1, 1);
    long version = p.integer(2, 0);
    long stream = p.integer(3, 0);
    if (passphrase.isEmpty()) {
      throw new ApiError(1, "The specified passphrase is blank.");
    }
    if (version != 0 && version != 3 && version != 4) {
      throw new ApiError(
          2,
          "The address version number currently must be 3, 4, or 0 (which means auto-select). "
              + version
              + " isn't supported.");
    }
    if (stream != 0 && stream != 1) {
      throw new ApiError(
          3,
          "The stream number must be 1 (or 0 which means auto-select). Others aren't supported.");
    }
    if (number == 0) {
      throw new ApiError(4, "Why would you ask me to generate 0 addresses for you?");
    }
    if (number > 999 || number < 0) {
      throw new ApiError(
          5, "You have (accidentally?) specified too many addresses to make. Maximum 999.");
    }
    boolean shorter = eighteenByteRipe(p, 4);
    Difficulty difficulty = demanded(p, 5, 6);
    Set<String> before = new HashSet<>();
    for (Identity id : messenger.identities()) {
      before.add(codec.encode(id.address()));
    }
    List<Object> added = new ArrayList<>();
    for (Identity id :
        messenger.createDeterministic(
            passphrase, (int) number, version == 0 ? 4 : (int) version, shorter, difficulty)) {
      String a = codec.encode(id.address());
      if (!before.contains(a)) {
        added.add(a);
      }
    }
    return Map.of("addresses", added);
  }

  Object getDeterministicAddress(Params p) {
    String passphrase = p.text(0, "");
    long version = p.integer(1, 4);
    long stream = p.integer(2, 1);
    if (version != 3 && version != 4) {
      throw new ApiError(
          2,
          "The address version number currently must be 3 or 4. " + version + " isn't supported.");
    }
    if (stream != 1) {
      throw new ApiError(3, "The stream number must be 1. Others aren't supported.");
    }
    if (passphrase.isEmpty()) {
      throw new ApiError(1, "The specified passphrase is blank.");
    }
    return codec.encode(
        generator
            .deterministic(passphrase.getBytes(StandardCharsets.UTF_8), 1, (int) version, 1, false)
            .get(0)
            .identity()
            .address());
  }

  Object createChan(Params p) {
    String name = p.text(0, "");
    if (name.isEmpty()) {
      throw new ApiError(1, "The specified passphrase is blank.");
    }
    Identity chan = generator.chan(name);
    if (addresses.own(codec.encode(chan.address())).isPresent()) {
      throw new ApiError(24, "Chan address is already present.");
    }
    return codec.encode(messenger.joinChan(name).address());
  }

  Object joinChan(Params p) {
    String name = p.text(0, "");
    String address = addresses.checkedAddress(p.string(1));
    if (name.isEmpty()) {
      throw new ApiError(1, "The specified passphrase is blank.");
    }
    if (!codec.encode(generator.chan(name).address()).equals(address)) {
      throw new ApiError(18, "Chan name does not match address.");
    }
    if (addresses.own(address).isPresent()) {
      throw new ApiError(24, "Chan address is already present.");
    }
    messenger.joinChan(name, address);
    return "success";
  }

  Object leaveChan(Params p) {
    String a = addresses.checkedAddress(p.string(0));
    Identity id = addresses.own(a).orElseThrow(() -> AddressArguments.notInKeys(a));
    if (!id.chan()) {
      throw new ApiError(
          25, "Specified address is not a chan address. Use deleteAddress API call instead.");
    }
    messenger.leaveChan(a);
    return "success";
  }

  Object deleteAddress(Params p) {
    String a = addresses.ownAddress(p.string(0));
    messenger.delete(a);
    return "success";
  }

  Object enableAddress(Params p) {
    String a = addresses.ownAddress(p.string(0));
    messenger.setEnabled(a, p.bool(1, true));
    return "success";
  }

  /**
   * Extension: makes an own address a mailing list named {@code name} (base64, default empty), or
   * with {@code enable} false an ordinary address again.
   */
  Object setMailingList(Params p) {
    String a = addresses.ownAddress(p.string(0));
    boolean enable = p.bool(1, true);
    mailingLists.set(a, enable ? Optional.of(p.text(2, "")) : Optional.empty());
    return "success";
  }

  /** Extension: every mailing list with its name (base64). */
  Object listMailingLists(Params p) {
    List<Object> out = new ArrayList<>();
    mailingLists.all().forEach((a, name) -> out.add(ordered("address", a, "name", b64(name))));
    return Map.of("mailingLists", out);
  }
}
