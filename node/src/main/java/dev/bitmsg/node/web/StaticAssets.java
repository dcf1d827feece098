package dev.bitmsg.node.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The files under {@code /static/}: the page style, htmx and its SSE extension, read once from the
 * jars on the classpath (the webjars' own {@code pom.properties} name their versions), so nothing
 * is ever loaded from a CDN. Immutable after construction.
 */
final class StaticAssets {
  /** A served file. Immutable. */
  record Asset(String type, byte[] body) {}

  private final Map<String, Asset> assets = new HashMap<>();

  StaticAssets() {
    add("app.css", "text/css", "web/static/app.css");
    add("app.js", "text/javascript", "web/static/app.js");
    add("favicon.svg", "image/svg+xml", "web/static/favicon.svg");
    String htmx = webjarVersion("htmx.org");
    add(
        "htmx.min.js",
        "text/javascript",
        "META-INF/resources/webjars/htmx.org/" + htmx + "/dist/htmx.min.js");
    String sse = webjarVersion("htmx-ext-sse");
    add("sse.js", "text/javascript", "META-INF/resources/webjars/htmx-ext-sse/" + sse + "/sse.js");
  }

  Optional<Asset> find(String name) {
    return Optional.ofNullable(assets.get(name));
  }

  private void add(String name, String type, String resource) {
    assets.put(name, new Asset(type + "; charset=utf-8", read(resource)));
  }

  private static String webjarVersion(String artifact) {
    Properties p = new Properties();
    try (InputStream in = open("META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String v = p.getProperty("version");
    if (v == null) {
      throw new IllegalStateException("webjar " + artifact + " names no version");
    }
    return v;
  }

  private static byte[] read(String resource) {
    try (InputStream in = open(resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String resource) {
    InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing on the classpath: " + resource);
    }
    return in;
  }
}
