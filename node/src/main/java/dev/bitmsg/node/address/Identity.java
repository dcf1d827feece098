package dev.bitmsg.node.address;

import dev.bitmsg.node.crypto.KeyPair;
import java.util.Objects;

/**
 * One of our own addresses with its two key pairs and settings, as kept in keys.dat: label,
 * demanded proof-of-work difficulty (keys.dat "noncetrialsperbyte", "payloadlengthextrabytes";
 * network minimum 1000 each), enabled, chan. Immutable; {@link #toString()} shows no secrets.
 */
public record Identity(
    BitmessageAddress address,
    KeyPair signing,
    KeyPair encryption,
    String label,
    long nonceTrialsPerByte,
    long payloadLengthExtraBytes,
    boolean enabled,
    boolean chan) {
  /** Network default and minimum of both difficulty parameters (PROTOCOL.md section 5). */
  public static final long DEFAULT_DIFFICULTY = 1000;

  public Identity {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(signing, "signing");
    Objects.requireNonNull(encryption, "encryption");
    Objects.requireNonNull(label, "label");
    if (nonceTrialsPerByte < DEFAULT_DIFFICULTY || payloadLengthExtraBytes < DEFAULT_DIFFICULTY) {
      throw new IllegalArgumentException(
          "difficulty below the network minimum 1000: "
              + nonceTrialsPerByte
              + "/"
              + payloadLengthExtraBytes);
    }
  }

  /** A plain enabled identity with default difficulty. */
  public static Identity of(
      BitmessageAddress address, KeyPair signing, KeyPair encryption, String label) {
    return new Identity(
        address, signing, encryption, label, DEFAULT_DIFFICULTY, DEFAULT_DIFFICULTY, true, false);
  }

  public Identity withLabel(String newLabel) {
    return new Identity(
        address,
        signing,
        encryption,
        newLabel,
        nonceTrialsPerByte,
        payloadLengthExtraBytes,
        enabled,
        chan);
  }

  public Identity withEnabled(boolean on) {
    return new Identity(
        address, signing, encryption, label, nonceTrialsPerByte, payloadLengthExtraBytes, on, chan);
  }

  public Identity asChan() {
    return new Identity(
        address,
        signing,
        encryption,
        label,
        nonceTrialsPerByte,
        payloadLengthExtraBytes,
        enabled,
        true);
  }

  @Override
  public String toString() {
    return "Identity["
        + address.version()
        + "/"
        + address.stream()
        + "/"
        + address.ripe()
        + ", label="
        + label
        + (chan ? ", chan" : "")
        + (enabled ? "" : ", disabled")
        + "]";
  }
}
