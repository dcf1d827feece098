package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.Version;
import dev.bitmsg.node.wire.WireLimits;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The acceptance rules for a peer's {@code version} (PROTOCOL.md 3.1 and 3.2): protocol version at
 * least 3, {@code NODE_NETWORK} among the services, a non-empty stream list sharing a stream with
 * us, a clock within 3600 s of ours, and a nonce that is not one of our own. Stateless.
 */
final class VersionCheck {
  /** PyBitmessage's MAX_TIME_OFFSET. */
  static final long MAX_CLOCK_SKEW_SECONDS = WireLimits.MAX_TIME_OFFSET_SECONDS;

  /** PyBitmessage's user agent pattern; a mismatch is only logged (PyB relabels it). */
  static final Pattern USER_AGENT = Pattern.compile("^/[a-zA-Z]+:[0-9]+\\.?[\\w\\s()./:;-]*/$");

  private VersionCheck() {}

  /** Why {@code v} is refused, or empty when it is acceptable. */
  static Optional<String> refusal(
      Version v, NetworkParams params, long nowEpochSeconds, SelfNonces selfNonces) {
    if (v.protocolVersion() < NetworkParams.PROTOCOL_VERSION) {
      return Optional.of(
          "protocol version "
              + v.protocolVersion()
              + " is below "
              + NetworkParams.PROTOCOL_VERSION);
    }
    if (!v.hasService(Version.NODE_NETWORK)) {
      return Optional.of("services " + Long.toHexString(v.services()) + " lack NODE_NETWORK");
    }
    if (v.streams().isEmpty()) {
      return Optional.of("empty stream list");
    }
    if (v.streams().stream().noneMatch(params::servesStream)) {
      return Optional.of("no common stream in " + v.streams());
    }
    long skew = v.timestamp() - nowEpochSeconds;
    if (skew > MAX_CLOCK_SKEW_SECONDS || skew < -MAX_CLOCK_SKEW_SECONDS) {
      return Optional.of(
          "clock differs from ours by " + skew + " s (limit " + MAX_CLOCK_SKEW_SECONDS + ")");
    }
    if (selfNonces.isOurs(v.nonce())) {
      return Optional.of("I'm connected to myself");
    }
    return Optional.empty();
  }
}
