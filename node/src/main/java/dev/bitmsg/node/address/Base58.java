package dev.bitmsg.node.address;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Base58 with the alphabet {@code 123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz}, in
 * two flavours: the numeric conversion that Bitmessage addresses use (no leading-'1' rule, 0 is
 * "1"), and the byte-string form of Bitcoin and WIF where each leading zero byte becomes a '1'.
 * Stateless.
 */
public final class Base58 {
  public static final String ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final BigInteger BASE = BigInteger.valueOf(58);
  private static final int[] INDEX = new int[128];

  static {
    Arrays.fill(INDEX, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      INDEX[ALPHABET.charAt(i)] = i;
    }
  }

  private Base58() {}

  /** The numeric encoding of a non-negative integer ({@code 0 -> "1"}). */
  public static String encodeNumber(BigInteger value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("negative value");
    }
    if (value.signum() == 0) {
      return "1";
    }
    StringBuilder sb = new StringBuilder();
    BigInteger v = value;
    while (v.signum() > 0) {
      BigInteger[] qr = v.divideAndRemainder(BASE);
      sb.append(ALPHABET.charAt(qr[1].intValue()));
      v = qr[0];
    }
    return sb.reverse().toString();
  }

  /**
   * The integer a numeric Base58 string stands for.
   *
   * @throws IllegalArgumentException on a character outside the alphabet or an empty string
   */
  public static BigInteger decodeNumber(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty Base58 string");
    }
    BigInteger v = BigInteger.ZERO;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int digit = c < 128 ? INDEX[c] : -1;
      if (digit < 0) {
        throw new IllegalArgumentException("invalid Base58 character '" + c + "' at " + i);
      }
      v = v.multiply(BASE).add(BigInteger.valueOf(digit));
    }
    return v;
  }

  /** Bitcoin-style: leading zero bytes become '1's, the rest is the numeric encoding. */
  public static String encodeBytes(byte[] data) {
    int zeros = 0;
    while (zeros < data.length && data[zeros] == 0) {
      zeros++;
    }
    String rest = zeros == data.length ? "" : encodeNumber(new BigInteger(1, data));
    return "1".repeat(zeros) + rest;
  }

  /** Inverse of {@link #encodeBytes}. */
  public static byte[] decodeBytes(String text) {
    int ones = 0;
    while (ones < text.length() && text.charAt(ones) == '1') {
      ones++;
    }
    byte[] magnitude = new byte[0];
    if (ones < text.length()) {
      byte[] raw = decodeNumber(text.substring(ones)).toByteArray();
      int skip = raw.length > 1 && raw[0] == 0 ? 1 : 0;
      magnitude = Arrays.copyOfRange(raw, skip, raw.length);
    }
    byte[] out = new byte[ones + magnitude.length];
    System.arraycopy(magnitude, 0, out, ones, magnitude.length);
    return out;
  }
}
