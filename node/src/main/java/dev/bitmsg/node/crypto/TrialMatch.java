package dev.bitmsg.node.crypto;

/**
 * The result of a successful trial decryption: which key (index into the list tried) and the
 * plaintext. Immutable; the plaintext is copied on the way in and out.
 */
public final class TrialMatch {
  private final int keyIndex;
  private final byte[] plaintext;

  public TrialMatch(int keyIndex, byte[] plaintext) {
    this.keyIndex = keyIndex;
    this.plaintext = plaintext.clone();
  }

  public int keyIndex() {
    return keyIndex;
  }

  public byte[] plaintext() {
    return plaintext.clone();
  }

  @Override
  public String toString() {
    return "TrialMatch[key " + keyIndex + ", " + plaintext.length + " bytes]";
  }
}
