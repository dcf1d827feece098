package dev.bitmsg.node.api;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.AddressException;
import dev.bitmsg.node.address.BitmessageAddress;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.messaging.Messenger;
import java.util.Optional;

/**
 * Address parameters of the API calls, checked as PyBitmessage's {@code _verifyAddress} checks them
 * (faults 7 to 12 and 26, with its texts), written in full ({@code BM-} added), resolved to own
 * identities. Thread-safe.
 */
final class AddressArguments {
  private final Messenger messenger;
  private final AddressCodec codec;

  AddressArguments(Messenger messenger, AddressCodec codec) {
    this.messenger = messenger;
    this.codec = codec;
  }

  Optional<Identity> own(String address) {
    String a = normal(address);
    return messenger.identities().stream()
        .filter(i -> codec.encode(i.address()).equals(a))
        .findFirst();
  }

  String ownAddress(String address) {
    String a = checkedAddress(address);
    if (own(a).isEmpty()) {
      throw notInKeys(a);
    }
    return a;
  }

  static ApiError notInKeys(String a) {
    return new ApiError(13, "Could not find this address in your keys.dat file: " + a);
  }

  /** Checks an address as PyBitmessage does and writes it in full. */
  String checkedAddress(String text) {
    return codec.encode(verified(text));
  }

  /**
   * Decodes an address as PyBitmessage's {@code _verifyAddress}: a decoding failure is fault 8
   * (checksum), 9 (characters), 10 (version too high or zero), 26 (malformed varint) or 7 (any
   * other), then a version outside 2..4 is fault 11 and a stream other than 1 fault 12.
   */
  BitmessageAddress verified(String text) {
    BitmessageAddress a;
    try {
      a = codec.decode(text);
    } catch (AddressException e) {
      throw addressError(text, e);
    }
    if (a.version() < 2 || a.version() > 4) {
      throw versionError();
    }
    if (a.stream() != 1) {
      throw new ApiError(
          12, "The stream number must be 1. Others aren't supported. Check the address.");
    }
    return a;
  }

  static String normal(String text) {
    String s = text.strip();
    return s.startsWith(AddressCodec.PREFIX) ? s : AddressCodec.PREFIX + s;
  }

  private static ApiError versionError() {
    return new ApiError(
        11,
        "The address version number currently must be 2, 3 or 4. Others aren't supported."
            + " Check the address.");
  }

  /** PyBitmessage's fault for an address that does not decode ({@code address} as given). */
  static ApiError addressError(String address, AddressException e) {
    return switch (e.status()) {
      case CHECKSUM_FAILED -> new ApiError(8, "Checksum failed for address: " + address);
      case INVALID_CHARACTERS -> new ApiError(9, "Invalid characters in address: " + address);
      case VERSION_TOO_HIGH ->
          new ApiError(10, "Address version number too high (or zero) in address: " + address);
      case VARINT_MALFORMED -> new ApiError(26, "Malformed varint in address: " + address);
      // PyBitmessage decodes version 1 and refuses it afterwards.
      case VERSION_UNSUPPORTED -> versionError();
      default ->
          new ApiError(
              7, "Could not decode address: " + address + " : " + e.status().pyBitmessageName());
    };
  }

  /** {@link #addressError(String, AddressException)} where the text is not at hand. */
  static ApiError addressError(AddressException e) {
    return addressError(String.valueOf(e.getMessage()), e);
  }
}
