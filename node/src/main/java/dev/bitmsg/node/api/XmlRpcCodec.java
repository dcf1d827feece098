package dev.bitmsg.node.api;

import dev.bitmsg.node.rpc.RpcFormatException;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * XML-RPC request decoding and response encoding (the subset the XML-RPC spec defines, plus {@code
 * i8} and {@code nil} as Python's {@code xmlrpc.client} speaks them). Parsing refuses DTDs and
 * external entities (no entity expansion attacks, no file or network reads); the caller caps the
 * body size. Nesting is capped at {@link #MAX_DEPTH}. Thread-safe.
 */
public final class XmlRpcCodec {
  static final int MAX_DEPTH = 32;
  private static final int WRITE_BUFFER = 1 << 16;

  /** The JDK parser's element depth limit (jdk.xml.maxElementDepth). */
  private static final String MAX_ELEMENT_DEPTH = "jdk.xml.maxElementDepth";

  private final DocumentBuilderFactory factory;

  public XmlRpcCodec() {
    factory = DocumentBuilderFactory.newInstance();
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("XML parser lacks the features for safe parsing", e);
    }
    // Bounds the document's element depth, so nothing recursive over the tree (text content,
    // the value reader) can run out of stack on hostile input.
    factory.setAttribute(MAX_ELEMENT_DEPTH, String.valueOf(4 * MAX_DEPTH + 8));
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setNamespaceAware(false);
  }

  /** Decodes a {@code methodCall} document. */
  public RpcCall decodeCall(byte[] body) {
    Document doc = parse(body);
    Element root = doc.getDocumentElement();
    if (!root.getTagName().equals("methodCall")) {
      throw new RpcFormatException(
          "root element is <" + root.getTagName() + ">, expected <methodCall>");
    }
    Element name = child(root, "methodName");
    if (name == null) {
      throw new RpcFormatException("<methodCall> without <methodName>");
    }
    List<Object> params = new ArrayList<>();
    Element ps = child(root, "params");
    if (ps != null) {
      for (Element p : children(ps)) {
        if (!p.getTagName().equals("param")) {
          throw new RpcFormatException("unexpected <" + p.getTagName() + "> in <params>");
        }
        Element v = child(p, "value");
        if (v == null) {
          throw new RpcFormatException("<param> without <value>");
        }
        params.add(value(v, 0));
      }
    }
    return new RpcCall(name.getTextContent().strip(), params, null);
  }

  private static @Nullable Object value(Element v, int depth) {
    if (depth > MAX_DEPTH) {
      throw new RpcFormatException("values nested deeper than " + MAX_DEPTH);
    }
    List<Element> kids = children(v);
    if (kids.isEmpty()) {
      return v.getTextContent(); // no type element: a string
    }
    if (kids.size() > 1) {
      throw new RpcFormatException("<value> with more than one type element");
    }
    Element t = kids.get(0);
    String text = t.getTextContent();
    try {
      return switch (t.getTagName()) {
        case "i4", "int", "i8" -> Long.parseLong(text.strip());
        case "boolean" ->
            switch (text.strip()) {
              case "1" -> true;
              case "0" -> false;
              default ->
                  throw new RpcFormatException(
                      "boolean must be 0 or 1, got '" + text.strip() + "'");
            };
        case "string" -> text;
        case "double" -> Double.parseDouble(text.strip());
        case "base64" -> Base64.getMimeDecoder().decode(text.strip());
        case "dateTime.iso8601" -> text.strip();
        case "nil" -> null;
        case "array" -> {
          Element data = child(t, "data");
          List<Object> out = new ArrayList<>();
          if (data != null) {
            for (Element e : children(data)) {
              out.add(value(e, depth + 1));
            }
          }
          yield out;
        }
        case "struct" -> {
          Map<String, Object> out = new LinkedHashMap<>();
          for (Element m : children(t)) {
            Element n = child(m, "name");
            Element mv = child(m, "value");
            if (n == null || mv == null) {
              throw new RpcFormatException("struct member needs <name> and <value>");
            }
            out.put(n.getTextContent(), value(mv, depth + 1));
          }
          yield out;
        }
        default -> throw new RpcFormatException("unknown value type <" + t.getTagName() + ">");
      };
    } catch (NumberFormatException e) {
      throw new RpcFormatException("bad number in <" + t.getTagName() + ">: " + text.strip());
    } catch (IllegalArgumentException e) {
      if (e instanceof RpcFormatException r) {
        throw r;
      }
      throw new RpcFormatException("bad base64 value");
    }
  }

  private static @Nullable Element child(Element parent, String name) {
    for (Element e : children(parent)) {
      if (e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  /** A {@code methodCall} document (the client side). */
  public byte[] encodeCall(String method, List<Object> params) {
    return build(
        sb -> {
          sb.append("<?xml version='1.0'?>\n<methodCall>\n<methodName>");
          escape(sb, method);
          sb.append("</methodName>\n<params>\n");
          for (Object p : params) {
            sb.append("<param>\n");
            appendValue(sb, p, 0);
            sb.append("</param>\n");
          }
          sb.append("</params>\n</methodCall>\n");
        });
  }

  /**
   * Decodes a {@code methodResponse} (the client side).
   *
   * @throws ApiError for a fault (its faultCode and faultString)
   */
  public @Nullable Object decodeResponse(byte[] body) {
    Document doc = parse(body);
    Element root = doc.getDocumentElement();
    if (!root.getTagName().equals("methodResponse")) {
      throw new RpcFormatException(
          "root element is <" + root.getTagName() + ">, expected <methodResponse>");
    }
    Element fault = child(root, "fault");
    if (fault != null) {
      Element v = child(fault, "value");
      if (v == null || !(value(v, 0) instanceof Map<?, ?> m)) {
        throw new RpcFormatException("malformed fault");
      }
      long code = m.get("faultCode") instanceof Long l ? l : 0;
      String text = String.valueOf(m.get("faultString"));
      throw new ApiError((int) code, text.replaceFirst("^API Error \\d{4}: ", ""));
    }
    Element params = child(root, "params");
    Element param = params == null ? null : child(params, "param");
    Element v = param == null ? null : child(param, "value");
    if (v == null) {
      throw new RpcFormatException("response without a value");
    }
    return value(v, 0);
  }

  private Document parse(byte[] body) {
    try {
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new ByteArrayInputStream(body));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new RpcFormatException("not well-formed XML-RPC: " + e.getMessage());
    }
  }

  /** A {@code methodResponse} carrying {@code result}. */
  public byte[] encodeResult(Object result) {
    return build(sb -> appendResult(sb, result));
  }

  /**
   * Writes a {@code methodResponse} carrying {@code result} to {@code out} in UTF-8 as it is
   * encoded: the server's path, so that a listing of every message in a large mailbox never exists
   * as one text in memory (only a buffer of {@value #WRITE_BUFFER} chars does).
   */
  public void writeResult(Object result, OutputStream out) throws IOException {
    Writer w =
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), WRITE_BUFFER);
    appendResult(w, result);
    w.flush();
  }

  private static void appendResult(Appendable a, Object result) throws IOException {
    a.append("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n");
    appendValue(a, result, 0);
    a.append("</param>\n</params>\n</methodResponse>\n");
  }

  /** Text built in memory (no I/O can fail) as UTF-8. */
  private static byte[] build(TextWork work) {
    StringBuilder sb = new StringBuilder();
    try {
      work.run(sb);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does no I/O
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @FunctionalInterface
  private interface TextWork {
    void run(Appendable a) throws IOException;
  }

  /** A {@code methodResponse} fault. */
  public byte[] encodeFault(int code, @Nullable String text) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("faultCode", (long) code);
    f.put("faultString", text);
    return build(
        sb -> {
          sb.append("<?xml version='1.0'?>\n<methodResponse>\n<fault>\n");
          appendValue(sb, f, 0);
          sb.append("</fault>\n</methodResponse>\n");
        });
  }

  private static void appendValue(Appendable sb, @Nullable Object v, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("result nested deeper than " + MAX_DEPTH);
    }
    sb.append("<value>");
    if (v == null) {
      sb.append("<nil/>");
    } else if (v instanceof String s) {
      sb.append("<string>");
      escape(sb, s);
      sb.append("</string>");
    } else if (v instanceof Boolean b) {
      sb.append("<boolean>").append(b ? '1' : '0').append("</boolean>");
    } else if (v instanceof Integer || v instanceof Long) {
      long l = ((Number) v).longValue();
      String tag = l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? "int" : "i8";
      sb.append('<').append(tag).append('>').append(Long.toString(l));
      sb.append("</").append(tag).append('>');
    } else if (v instanceof Double d) {
      sb.append("<double>").append(Double.toString(d)).append("</double>");
    } else if (v instanceof byte[] b) {
      sb.append("<base64>").append(Base64.getEncoder().encodeToString(b)).append("</base64>");
    } else if (v instanceof Map<?, ?> m) {
      sb.append("<struct>\n");
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sb.append("<member>\n<name>");
        escape(sb, String.valueOf(e.getKey()));
        sb.append("</name>\n");
        appendValue(sb, e.getValue(), depth + 1);
        sb.append("</member>\n");
      }
      sb.append("</struct>");
    } else if (v instanceof List<?> l) {
      sb.append("<array><data>\n");
      for (Object o : l) {
        appendValue(sb, o, depth + 1);
      }
      sb.append("</data></array>");
    } else {
      throw new IllegalArgumentException("no XML-RPC form for " + v.getClass().getName());
    }
    sb.append("</value>\n");
  }

  private static void escape(Appendable sb, String s) throws IOException {
    int start = 0;
    while (start < s.length() && !needsEscape(s.charAt(start))) {
      start++;
    }
    // Most answers are hex, base64 and addresses: appended whole, not char by char.
    sb.append(s, 0, start);
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '\r' -> sb.append("&#13;");
        default -> sb.append(c);
      }
    }
  }

  private static boolean needsEscape(char c) {
    return c == '<' || c == '>' || c == '&' || c == '\r';
  }
}
