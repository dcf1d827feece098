package dev.bitmsg.node.api;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.AddressException;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.messaging.Messenger;
import java.util.Optional;

/**
 * Address parameters of the API calls: checked and written in full, resolved to own identities,
 * failures mapped to PyBitmessage's error codes. Thread-safe.
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

  /** Decodes and re-encodes an address (adds BM-), mapping failures to PyBitmessage's codes. */
  String checkedAddress(String text) {
    return codec.encode(codec.decode(text));
  }

  static String normal(String text) {
    String s = text.strip();
    return s.startsWith(AddressCodec.PREFIX) ? s : AddressCodec.PREFIX + s;
  }

  static ApiError addressError(AddressException e) {
    return switch (e.status()) {
      case CHECKSUM_FAILED -> new ApiError(8, "Checksum failed for address: " + e.getMessage());
      case INVALID_CHARACTERS ->
          new ApiError(9, "Invalid characters in address: " + e.getMessage());
      case VERSION_TOO_HIGH ->
          new ApiError(
              10, "Address version number too high (or zero) in address: " + e.getMessage());
      case VARINT_MALFORMED -> new ApiError(26, "Malformed varint in address: " + e.getMessage());
      default ->
          new ApiError(
              7,
              "Could not decode address: "
                  + e.getMessage()
                  + " : "
                  + e.status().pyBitmessageName());
    };
  }
}
