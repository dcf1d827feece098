package dev.bitmsg.node.web;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * What a page answers: a status, a body of a content type, or a redirect (303, so the browser
 * follows a form post with a GET); a login adds its session cookie. Immutable.
 */
record WebResponse(
    int status,
    String contentType,
    byte[] body,
    @Nullable String location,
    @Nullable String setCookie) {

  static WebResponse html(String html) {
    return html(200, html);
  }

  static WebResponse html(int status, String html) {
    return new WebResponse(
        status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), null, null);
  }

  static WebResponse text(int status, String text) {
    return new WebResponse(
        status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), null, null);
  }

  static WebResponse svg(String svg) {
    return new WebResponse(
        200, "image/svg+xml; charset=utf-8", svg.getBytes(StandardCharsets.UTF_8), null, null);
  }

  static WebResponse redirect(String location) {
    return new WebResponse(303, "text/plain; charset=utf-8", new byte[0], location, null);
  }

  WebResponse withCookie(String cookie) {
    return new WebResponse(status, contentType, body, location, cookie);
  }
}
