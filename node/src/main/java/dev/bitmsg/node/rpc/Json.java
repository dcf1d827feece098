package dev.bitmsg.node.rpc;

import com.google.gson.FormattingStyle;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The node's one JSON reader and writer, on Gson's streaming {@link JsonReader} and {@link
 * JsonWriter}: the JSON-RPC API (server and client), the legacy API variant's JSON texts, the
 * Namecoin client and the commands' JSON output.
 *
 * <p>Reading is strict RFC 8259 (Gson's {@link Strictness#STRICT}: no {@code 01}, {@code 1.},
 * {@code +1}, {@code NaN}, comments, single quotes or unquoted names), one document with nothing
 * after it, nesting at most {@link #MAX_DEPTH}, no repeated names in an object. Values come back as
 * String, Long (integers that fit 64 bits), Double (other numbers), Boolean, null, List and Map
 * (members in document order). The caller caps the input size.
 *
 * <p>Writing takes those types plus any other {@link Number} (written as its decimal text) and
 * {@code byte[]} (a base64 string). Stateless.
 */
public final class Json {
  /** The deepest nesting of arrays and objects read or written. */
  public static final int MAX_DEPTH = 64;

  private static final FormattingStyle ONE_LINE =
      FormattingStyle.COMPACT.withSpaceAfterSeparators(true);

  private Json() {}

  /**
   * Parses one JSON document.
   *
   * @throws RpcFormatException when {@code text} is not one strict JSON document
   */
  public static @Nullable Object parse(String text) {
    JsonReader r = new JsonReader(new StringReader(text));
    r.setStrictness(Strictness.STRICT);
    r.setNestingLimit(MAX_DEPTH);
    try {
      Object v = value(r);
      if (r.peek() != JsonToken.END_DOCUMENT) {
        throw new RpcFormatException("JSON: trailing data at " + r.getPath());
      }
      return v;
    } catch (EOFException e) {
      throw new RpcFormatException("JSON: unexpected end of input");
    } catch (MalformedJsonException | IllegalStateException | NumberFormatException e) {
      throw new RpcFormatException("JSON: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("reading JSON from a string", e);
    }
  }

  private static @Nullable Object value(JsonReader r) throws IOException {
    switch (r.peek()) {
      case BEGIN_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        r.beginObject();
        while (r.hasNext()) {
          String name = r.nextName();
          if (m.containsKey(name)) {
            throw new RpcFormatException("JSON: name '" + name + "' repeated at " + r.getPath());
          }
          m.put(name, value(r));
        }
        r.endObject();
        return m;
      }
      case BEGIN_ARRAY -> {
        List<Object> l = new ArrayList<>();
        r.beginArray();
        while (r.hasNext()) {
          l.add(value(r));
        }
        r.endArray();
        return l;
      }
      case STRING -> {
        return r.nextString();
      }
      case NUMBER -> {
        return number(r.nextString());
      }
      case BOOLEAN -> {
        return r.nextBoolean();
      }
      case NULL -> {
        r.nextNull();
        return null;
      }
      default -> throw new RpcFormatException("JSON: value expected at " + r.getPath());
    }
  }

  /** An integer literal as Long when it fits, any other number as Double. */
  private static Object number(String literal) {
    if (literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0) {
      BigInteger big = new BigInteger(literal);
      if (big.bitLength() < 64) {
        return big.longValue();
      }
    }
    double d = new BigDecimal(literal).doubleValue();
    if (Double.isInfinite(d)) {
      throw new RpcFormatException("JSON: number out of range: " + literal);
    }
    return d;
  }

  /** One line, with a space after {@code :} and {@code ,} (as Python's {@code json.dumps}). */
  public static String write(@Nullable Object value) {
    return write(value, ONE_LINE, false);
  }

  /**
   * {@link #write(Object)} onto {@code out} as it goes (not flushed or closed): a large answer is
   * never held whole in memory.
   */
  public static void write(@Nullable Object value, Writer out) throws IOException {
    JsonWriter w = new JsonWriter(out);
    w.setFormattingStyle(ONE_LINE);
    w.setHtmlSafe(false);
    w.setSerializeNulls(true);
    append(w, value, 0);
    w.flush();
  }

  /**
   * As Python's {@code json.dumps(value, indent=4)}: four-space indents, non-ASCII characters
   * escaped as {@code \\uXXXX}. The legacy API variant's results.
   */
  public static String writeIndented(@Nullable Object value) {
    return write(value, FormattingStyle.PRETTY.withIndent("    "), true);
  }

  private static String write(@Nullable Object value, FormattingStyle style, boolean asciiOnly) {
    StringWriter out = new StringWriter();
    try (JsonWriter w = new JsonWriter(out)) {
      w.setFormattingStyle(style);
      w.setHtmlSafe(false);
      w.setSerializeNulls(true);
      append(w, value, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to a string", e);
    }
    return asciiOnly ? escapeNonAscii(out.toString()) : out.toString();
  }

  private static void append(JsonWriter w, @Nullable Object v, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("JSON nested deeper than " + MAX_DEPTH);
    }
    if (v == null) {
      w.nullValue();
    } else if (v instanceof String s) {
      w.value(s);
    } else if (v instanceof Boolean b) {
      w.value(b);
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("JSON has no " + d);
      }
      w.value(d);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short) {
      w.value(((Number) v).longValue());
    } else if (v instanceof Number n) {
      w.value(new BigDecimal(n.toString()));
    } else if (v instanceof byte[] b) {
      w.value(Base64.getEncoder().encodeToString(b));
    } else if (v instanceof Map<?, ?> m) {
      w.beginObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        w.name(String.valueOf(e.getKey()));
        append(w, e.getValue(), depth + 1);
      }
      w.endObject();
    } else if (v instanceof List<?> l) {
      w.beginArray();
      for (Object o : l) {
        append(w, o, depth + 1);
      }
      w.endArray();
    } else {
      throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
    }
  }

  /**
   * Writes every character above {@code 0x7e} as {@code \\uXXXX}. Safe on a whole document: such
   * characters only occur inside strings, where the escape means the same character.
   */
  private static String escapeNonAscii(String json) {
    StringBuilder sb = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c > 0x7e) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
