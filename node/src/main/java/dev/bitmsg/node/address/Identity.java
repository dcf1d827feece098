package dev.bitmsg.node.address;

import dev.bitmsg.node.crypto.KeyPair;
import dev.bitmsg.pow.Difficulty;
import java.util.Objects;

/**
 * One of our own addresses with its two key pairs and settings, as kept in keys.dat: label,
 * demanded proof-of-work difficulty (keys.dat "noncetrialsperbyte", "payloadlengthextrabytes";
 * network minimum 1000 each), enabled, chan, and whether msgs it receives are acknowledged
 * (keys.dat "dontsendack", inverted). Immutable; {@link #toString()} shows no secrets.
 */
public record Identity(
    BitmessageAddress address,
    KeyPair signing,
    KeyPair encryption,
    String label,
    Difficulty difficulty,
    boolean enabled,
    boolean chan,
    boolean sendAcks) {

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

  /** An identity that acknowledges the msgs it receives. */
  public Identity(
      BitmessageAddress address,
      KeyPair signing,
      KeyPair encryption,
      String label,
      Difficulty difficulty,
      boolean enabled,
      boolean chan) {
    this(address, signing, encryption, label, difficulty, enabled, chan, true);
  }

  /** A plain enabled identity with default difficulty. */
  public static Identity of(
      BitmessageAddress address, KeyPair signing, KeyPair encryption, String label) {
    return new Identity(
        address, signing, encryption, label, Difficulty.NETWORK_DEFAULT, true, false);
  }

  public Identity withLabel(String newLabel) {
    return new Identity(
        address, signing, encryption, newLabel, difficulty, enabled, chan, sendAcks);
  }

  public Identity withEnabled(boolean on) {
    return new Identity(address, signing, encryption, label, difficulty, on, chan, sendAcks);
  }

  public Identity asChan() {
    return new Identity(address, signing, encryption, label, difficulty, enabled, true, sendAcks);
  }

  /** This identity demanding {@code demanded} (raised to the network minimum) from senders. */
  public Identity withDifficulty(Difficulty demanded) {
    return new Identity(
        address, signing, encryption, label, demanded.effective(), enabled, chan, sendAcks);
  }

  /** This identity with acks of received msgs on or off (keys.dat "dontsendack"). */
  public Identity withSendAcks(boolean on) {
    return new Identity(address, signing, encryption, label, difficulty, enabled, chan, on);
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
        + (sendAcks ? "" : ", no acks")
        + "]";
  }
}
