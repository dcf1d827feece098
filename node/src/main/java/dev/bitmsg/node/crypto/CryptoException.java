package dev.bitmsg.node.crypto;

/**
 * A cryptographic operation failed on its input: a malformed ECIES blob, a MAC that does not match,
 * bad padding, a key or point that is not valid on secp256k1, a malformed signature. The {@link
 * Reason} tells callers which, so that "not for me" (a MAC mismatch) can be told apart from "for me
 * but broken".
 */
public final class CryptoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the operation failed. */
  public enum Reason {
    /** The blob does not follow the ECIES layout (lengths, curve id, truncation). */
    MALFORMED,
    /** The HMAC did not match: the blob was not encrypted to this key or was altered. */
    MAC_MISMATCH,
    /** The MAC matched but the ciphertext did not decrypt to valid PKCS#7 padding. */
    BAD_PADDING,
    /** A public point is not on secp256k1, or a private scalar is out of range. */
    INVALID_KEY,
    /** A signature is not strict DER or its values are out of range. */
    INVALID_SIGNATURE
  }

  private final Reason reason;

  public CryptoException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public CryptoException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
