package dev.bitmsg.node.address;

import dev.bitmsg.node.crypto.KeyPair;
import dev.bitmsg.pow.Difficulty;
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
    Difficulty difficulty,
    boolean enabled,
    boolean chan) {

  public Identity {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(signing, "signing");
    Objects.requireNonNull(encryption, "encryption");
    Objects.requireNonNull(label, "label");
    if (difficulty.nonceTrialsPerByte() < Difficulty.NETWORK_MINIMUM
        || difficulty.payloadLengthExtraBytes() < Difficulty.NETWORK_MINIMUM) {
      throw new IllegalArgumentException(
          "difficulty below the network minimum 1000: "
              + difficulty.nonceTrialsPerByte()
              + "/"
              + difficulty.payloadLengthExtraBytes());
    }
  }

  /** A plain enabled identity with default difficulty. */
  public static Identity of(
      BitmessageAddress address, KeyPair signing, KeyPair encryption, String label) {
    return new Identity(
        address, signing, encryption, label, Difficulty.NETWORK_DEFAULT, true, false);
  }

  public Identity withLabel(String newLabel) {
    return new Identity(address, signing, encryption, newLabel, difficulty, enabled, chan);
  }

  public Identity withEnabled(boolean on) {
    return new Identity(address, signing, encryption, label, difficulty, on, chan);
  }

  public Identity asChan() {
    return new Identity(address, signing, encryption, label, difficulty, enabled, true);
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
