package dev.bitmsg.pow.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses an unsigned 64-bit number written in decimal or as {@code 0x} hex. Stateless. */
final class UnsignedLongConverter implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    String v = value.strip().replace("_", "");
    try {
      if (v.startsWith("0x") || v.startsWith("0X")) {
        return Long.parseUnsignedLong(v.substring(2), 16);
      }
      return Long.parseUnsignedLong(v);
    } catch (NumberFormatException e) {
      throw new TypeConversionException(
          "'" + value + "' is not an unsigned 64-bit number (decimal or 0x hex)");
    }
  }
}
