package dev.bitmsg.node.web;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The pages by method and path, filled once by the page classes. Not thread-safe while filled. */
final class Routes {
  private final Map<String, Page> gets = new HashMap<>();
  private final Map<String, Page> posts = new HashMap<>();

  Routes get(String path, Page page) {
    gets.put(path, page);
    return this;
  }

  Routes post(String path, Page page) {
    posts.put(path, page);
    return this;
  }

  Optional<Page> find(String method, String path) {
    return Optional.ofNullable((method.equals("POST") ? posts : gets).get(path));
  }

  /** Whether any method serves {@code path} (405 rather than 404 for the other one). */
  boolean knows(String path) {
    return gets.containsKey(path) || posts.containsKey(path);
  }
}
