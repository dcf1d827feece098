package dev.bitmsg.node.content;

import java.util.Objects;

/** What a person wrote: subject and body. Immutable. */
public record MessageContent(String subject, String body) {
  public MessageContent {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
  }
}
