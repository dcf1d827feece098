package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.Difficulty;
import picocli.CommandLine.Option;

/**
 * The {@code --ntpb} and {@code --extra} options of the commands that take a demanded difficulty,
 * as one {@link Difficulty}. Filled in by picocli; not thread-safe.
 */
final class DifficultyOptions {
  @Option(
      names = "--ntpb",
      paramLabel = "N",
      defaultValue = "1000",
      converter = UnsignedLongConverter.class,
      description = "nonce trials per byte (default ${DEFAULT-VALUE}; below 1000 counts as 1000)")
  long ntpb;

  @Option(
      names = "--extra",
      paramLabel = "N",
      defaultValue = "1000",
      converter = UnsignedLongConverter.class,
      description =
          "payload length extra bytes (default ${DEFAULT-VALUE}; below 1000 counts as 1000)")
  long extra;

  Difficulty difficulty() {
    return new Difficulty(ntpb, extra);
  }
}
