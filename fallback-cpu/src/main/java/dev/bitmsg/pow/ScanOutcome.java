package dev.bitmsg.pow;

/**
 * What a {@link NonceScanner} found in one {@link ScanSlice}: when {@code found}, a nonce whose
 * {@code trialValue} meets the slice's target; {@code trials} nonces were tested either way. "Not
 * found" is the {@code found} flag, never a sentinel nonce. Immutable.
 */
public record ScanOutcome(boolean found, long nonce, long trialValue, long trials) {
  public static ScanOutcome notFound(long trials) {
    return new ScanOutcome(false, 0, 0, trials);
  }

  public static ScanOutcome found(long nonce, long trialValue, long trials) {
    return new ScanOutcome(true, nonce, trialValue, trials);
  }
}
