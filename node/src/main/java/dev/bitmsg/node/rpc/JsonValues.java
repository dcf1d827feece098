package dev.bitmsg.node.rpc;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A small strict JSON reader and writer for the JSON-RPC API variant, the CLI and the Namecoin
 * client. Values map to String, Long (integers), Double, Boolean, null, List and Map (insertion
 * order). Nesting is capped at {@link #MAX_DEPTH}; the caller caps the input size. Stateless.
 */
public final class JsonValues {
  static final int MAX_DEPTH = 64;

  private JsonValues() {}

  /** Parses one JSON document; trailing non-space is an error. */
  public static @Nullable Object parse(String text) {
    Reader r = new Reader(text);
    r.space();
    Object v = r.value(0);
    r.space();
    if (r.pos != text.length()) {
      throw r.error("trailing characters");
    }
    return v;
  }

  public static String write(@Nullable Object value) {
    StringBuilder sb = new StringBuilder();
    append(sb, value, 0);
    return sb.toString();
  }

  private static void append(StringBuilder sb, @Nullable Object v, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("JSON nested deeper than " + MAX_DEPTH);
    }
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      quote(sb, s);
    } else if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        throw new IllegalArgumentException("JSON has no " + d);
      }
      sb.append(d);
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof byte[] b) {
      quote(sb, Base64.getEncoder().encodeToString(b));
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        quote(sb, String.valueOf(e.getKey()));
        sb.append(": ");
        append(sb, e.getValue(), depth + 1);
      }
      sb.append('}');
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        append(sb, l.get(i), depth + 1);
      }
      sb.append(']');
    } else {
      throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
    }
  }

  /** Appends {@code s} as a JSON string literal (quotes, escapes, control characters). */
  public static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static final class Reader {
    final String s;
    int pos;

    Reader(String s) {
      this.s = s;
    }

    RpcFormatException error(String what) {
      return new RpcFormatException("JSON: " + what + " at offset " + pos);
    }

    void space() {
      while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
    }

    @Nullable Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("nested deeper than " + MAX_DEPTH);
      }
      if (pos >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(pos);
      switch (c) {
        case '{' -> {
          pos++;
          Map<String, Object> m = new LinkedHashMap<>();
          space();
          if (peek('}')) {
            pos++;
            return m;
          }
          while (true) {
            space();
            if (!peek('"')) {
              throw error("object key expected");
            }
            String k = string();
            space();
            expect(':');
            space();
            m.put(k, value(depth + 1));
            space();
            if (peek(',')) {
              pos++;
            } else {
              expect('}');
              return m;
            }
          }
        }
        case '[' -> {
          pos++;
          List<Object> l = new ArrayList<>();
          space();
          if (peek(']')) {
            pos++;
            return l;
          }
          while (true) {
            space();
            l.add(value(depth + 1));
            space();
            if (peek(',')) {
              pos++;
            } else {
              expect(']');
              return l;
            }
          }
        }
        case '"' -> {
          return string();
        }
        case 't' -> {
          word("true");
          return true;
        }
        case 'f' -> {
          word("false");
          return false;
        }
        case 'n' -> {
          word("null");
          return null;
        }
        default -> {
          return number();
        }
      }
    }

    boolean peek(char c) {
      return pos < s.length() && s.charAt(pos) == c;
    }

    void expect(char c) {
      if (!peek(c)) {
        throw error("'" + c + "' expected");
      }
      pos++;
    }

    void word(String w) {
      if (!s.startsWith(w, pos)) {
        throw error("unexpected token");
      }
      pos += w.length();
    }

    Object number() {
      int start = pos;
      if (peek('-')) {
        pos++;
      }
      boolean real = false;
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c >= '0' && c <= '9') {
          pos++;
        } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
          real = true;
          pos++;
        } else {
          break;
        }
      }
      String t = s.substring(start, pos);
      if (t.isEmpty() || t.equals("-")) {
        throw error("unexpected character");
      }
      try {
        if (!real) {
          return Long.parseLong(t);
        }
        return Double.parseDouble(t);
      } catch (NumberFormatException e) {
        throw error("bad number '" + t + "'");
      }
    }

    String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (pos >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(pos++);
        if (c == '"') {
          return sb.toString();
        }
        if (c < 0x20) {
          throw error("control character in string");
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        if (pos >= s.length()) {
          throw error("unterminated escape");
        }
        char e = s.charAt(pos++);
        switch (e) {
          case '"' -> sb.append('"');
          case '\\' -> sb.append('\\');
          case '/' -> sb.append('/');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (pos + 4 > s.length()) {
              throw error("short \\u escape");
            }
            try {
              sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape");
            }
            pos += 4;
          }
          default -> throw error("bad escape \\" + e);
        }
      }
    }
  }
}
