package dev.bitmsg.node.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Positional parameters of one API call with PyBitmessage's conversions. Not thread-safe. */
final class Params {
  private static final HexFormat HEX = HexFormat.of();

  private final List<Object> values;

  Params(List<Object> values) {
    this.values = values;
  }

  int size() {
    return values.size();
  }

  Object get(int i) {
    return values.get(i);
  }

  String string(int i) {
    Object v = values.get(i);
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Long || v instanceof Boolean) {
      return String.valueOf(v);
    }
    throw new ApiError(0, "parameter " + (i + 1) + " must be a string");
  }

  long integer(int i, long dflt) {
    if (i >= values.size() || values.get(i) == null) {
      return dflt;
    }
    Object v = values.get(i);
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        throw new ApiError(0, "parameter " + (i + 1) + " must be an integer, got '" + s + "'");
      }
    }
    throw new ApiError(0, "parameter " + (i + 1) + " must be an integer");
  }

  boolean bool(int i, boolean dflt) {
    if (i >= values.size() || values.get(i) == null) {
      return dflt;
    }
    Object v = values.get(i);
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Long l && (l == 0 || l == 1)) {
      return l == 1;
    }
    throw new ApiError(23, "Bool expected in parameter " + (i + 1) + ", got " + v);
  }

  /** A base64 text parameter (line breaks allowed) decoded as UTF-8. */
  String text(int i, String dflt) {
    if (i >= values.size() || values.get(i) == null) {
      return dflt;
    }
    Object v = values.get(i);
    byte[] bytes;
    if (v instanceof byte[] b) {
      bytes = b;
    } else {
      try {
        bytes = Base64.getMimeDecoder().decode(string(i).strip());
      } catch (IllegalArgumentException e) {
        throw ApiError.decode("parameter " + (i + 1) + " is not base64: " + e.getMessage());
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ApiError(17, "Label is not valid UTF-8 data.");
    }
  }

  byte[] hex(int i) {
    try {
      return HEX.parseHex(string(i).strip());
    } catch (IllegalArgumentException e) {
      throw ApiError.decode("parameter " + (i + 1) + " is not hex: " + e.getMessage());
    }
  }
}
