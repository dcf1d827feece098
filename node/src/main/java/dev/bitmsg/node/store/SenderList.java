package dev.bitmsg.node.store;

import java.util.Locale;

/**
 * PyBitmessage's two sender lists, also its {@code blackwhitelist} setting that says which one is
 * in use: {@code black} (the default: listed senders are refused) or {@code white} (only listed
 * senders are accepted).
 */
public enum SenderList {
  BLACK,
  WHITE;

  /** PyBitmessage's word: {@code black} or {@code white}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The list named {@code word} ({@code black} or {@code white}, any case).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static SenderList parse(String word) {
    return switch (word.strip().toLowerCase(Locale.ROOT)) {
      case "black" -> BLACK;
      case "white" -> WHITE;
      default ->
          throw new IllegalArgumentException(
              "sender list must be black or white, got '" + word + "'");
    };
  }
}
