package dev.bitmsg.node.web;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code as an SVG drawn on the server (no script): one path of unit squares on a white square
 * with the four-module quiet zone the standard asks for. The text is a {@code bitmessage:} URI of
 * the address, which PyBitmessage's QR code plugin also writes. Stateless.
 */
final class QrSvg {
  private static final int QUIET = 4;

  private QrSvg() {}

  /** The SVG of {@code text}; {@code title} names it for screen readers (escaped here). */
  static String of(String text, String title) {
    QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
    int size = qr.size + 2 * QUIET;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < qr.size; y++) {
      for (int x = 0; x < qr.size; x++) {
        if (qr.getModule(x, y)) {
          path.append('M').append(x + QUIET).append(',').append(y + QUIET).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 "
        + size
        + " "
        + size
        + "\" role=\"img\" aria-label=\""
        + escape(title)
        + "\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\""
        + path
        + "\" fill=\"#000\" shape-rendering=\"crispEdges\"/></svg>";
  }

  /** HTML/XML escaping of an attribute value. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
