package dev.bitmsg.node.address;

import dev.bitmsg.node.crypto.Hashes;
import dev.bitmsg.node.wire.ProtocolException;
import dev.bitmsg.node.wire.VarInt;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Encodes and decodes {@code BM-} address strings (PROTOCOL.md section 6, PyBitmessage {@code
 * addresses.py}):
 *
 * <pre>
 *   data    = var_int(version) | var_int(stream) | ripe with leading 00 bytes stripped
 *   address = "BM-" + Base58(integer(data | dsha512(data)[0..4]))
 * </pre>
 *
 * v2/v3 strip {@code 0000} if present, else one {@code 00}; v4 strips every leading 00. Decoding
 * accepts input without the {@code BM-} prefix and surrounding whitespace and reports failures as
 * {@link AddressException} with PyBitmessage's status. Thread-safe.
 */
public final class AddressCodec {
  public static final String PREFIX = "BM-";
  private static final int CHECKSUM_LENGTH = 4;

  private final Hashes hashes;

  public AddressCodec(Hashes hashes) {
    this.hashes = hashes;
  }

  public String encode(BitmessageAddress address) {
    byte[] ripe = address.ripe().bytes();
    int strip;
    if (address.version() >= 4) {
      strip = address.ripe().leadingZeroBytes();
    } else {
      strip = ripe[0] == 0 && ripe[1] == 0 ? 2 : ripe[0] == 0 ? 1 : 0;
    }
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.writeBytes(VarInt.encode(address.version()));
    data.writeBytes(VarInt.encode(address.stream()));
    data.write(ripe, strip, ripe.length - strip);
    byte[] payload = data.toByteArray();
    byte[] checksum = Arrays.copyOf(hashes.doubleSha512(payload), CHECKSUM_LENGTH);
    byte[] all = Arrays.copyOf(payload, payload.length + CHECKSUM_LENGTH);
    System.arraycopy(checksum, 0, all, payload.length, CHECKSUM_LENGTH);
    return PREFIX + Base58.encodeNumber(new BigInteger(1, all));
  }

  /**
   * Decodes an address string.
   *
   * @throws AddressException with the status PyBitmessage would report
   */
  public BitmessageAddress decode(String text) {
    String s = text.strip();
    if (s.startsWith(PREFIX)) {
      s = s.substring(PREFIX.length());
    }
    BigInteger integer;
    try {
      integer = Base58.decodeNumber(s);
    } catch (IllegalArgumentException e) {
      throw new AddressException(
          AddressStatus.INVALID_CHARACTERS, "address '" + text + "': " + e.getMessage());
    }
    if (integer.signum() == 0) {
      throw new AddressException(
          AddressStatus.INVALID_CHARACTERS, "address '" + text + "' decodes to zero");
    }
    byte[] data = integer.toByteArray();
    if (data[0] == 0 && data.length > 1) {
      data = Arrays.copyOfRange(data, 1, data.length);
    }
    if (data.length < CHECKSUM_LENGTH) {
      throw new AddressException(
          AddressStatus.CHECKSUM_FAILED, "address '" + text + "' is too short for a checksum");
    }
    byte[] payload = Arrays.copyOf(data, data.length - CHECKSUM_LENGTH);
    byte[] expected = Arrays.copyOf(hashes.doubleSha512(payload), CHECKSUM_LENGTH);
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(data, payload.length, data.length))) {
      throw new AddressException(
          AddressStatus.CHECKSUM_FAILED, "address '" + text + "' has a bad checksum");
    }
    ByteBuffer buf = ByteBuffer.wrap(payload);
    long version;
    long stream;
    try {
      // PyBitmessage reads an empty version field as 0 (then "version too high").
      version = buf.hasRemaining() ? VarInt.read(buf) : 0;
      if (version == 0 || Long.compareUnsigned(version, BitmessageAddress.MAX_VERSION) > 0) {
        throw new AddressException(
            AddressStatus.VERSION_TOO_HIGH,
            "address '" + text + "' has version " + Long.toUnsignedString(version));
      }
      stream = VarInt.read(buf);
    } catch (ProtocolException e) {
      throw new AddressException(
          AddressStatus.VARINT_MALFORMED, "address '" + text + "': " + e.getMessage());
    }
    if (version == 1) {
      throw new AddressException(
          AddressStatus.VERSION_UNSUPPORTED, "address '" + text + "' is version 1");
    }
    byte[] embedded = new byte[buf.remaining()];
    buf.get(embedded);
    if (version == 4) {
      if (embedded.length > 0 && embedded[0] == 0) {
        throw new AddressException(
            AddressStatus.ENCODING_PROBLEM,
            "v4 address '" + text + "' keeps a leading 00 ripe byte");
      }
      if (embedded.length > Ripe.LENGTH) {
        throw new AddressException(
            AddressStatus.RIPE_TOO_LONG,
            "address '" + text + "' embeds " + embedded.length + " ripe bytes");
      }
      if (embedded.length < 4) {
        throw new AddressException(
            AddressStatus.RIPE_TOO_SHORT,
            "address '" + text + "' embeds " + embedded.length + " ripe bytes");
      }
    } else {
      if (embedded.length > Ripe.LENGTH) {
        throw new AddressException(
            AddressStatus.RIPE_TOO_LONG,
            "address '" + text + "' embeds " + embedded.length + " ripe bytes");
      }
      if (embedded.length < 18) {
        throw new AddressException(
            AddressStatus.RIPE_TOO_SHORT,
            "address '" + text + "' embeds " + embedded.length + " ripe bytes");
      }
    }
    byte[] ripe = new byte[Ripe.LENGTH];
    System.arraycopy(embedded, 0, ripe, Ripe.LENGTH - embedded.length, embedded.length);
    return new BitmessageAddress((int) version, stream, Ripe.of(ripe));
  }
}
