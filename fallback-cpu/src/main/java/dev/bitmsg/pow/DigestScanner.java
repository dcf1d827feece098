package dev.bitmsg.pow;

import java.security.DigestException;
import java.security.MessageDigest;

/**
 * The baseline CPU scanner: one thread, one reused JDK {@code MessageDigest("SHA-512")}, nonces
 * tested in ascending order (so a slice reports its smallest solving nonce). Every other engine is
 * measured against this one. Not thread-safe: one instance per thread.
 */
public final class DigestScanner extends SequentialScanner {
  public static final String NAME = "cpu-digest";

  private final MessageDigest md = Sha512.newDigest();
  private final byte[] input = new byte[8 + InitialHash.LENGTH];
  private final byte[] first = new byte[64];
  private final byte[] second = new byte[64];

  public DigestScanner() {
    super(1.5e6);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  ScanOutcome scanOne(ScanSlice slice) {
    System.arraycopy(slice.initialHash().toByteArray(), 0, input, 8, InitialHash.LENGTH);
    long target = slice.target();
    long nonce = slice.firstNonce();
    for (long i = 0; i < slice.count(); i++, nonce++) {
      long trial = trial(nonce);
      if (Long.compareUnsigned(trial, target) <= 0) {
        return ScanOutcome.found(nonce, trial, i + 1);
      }
    }
    return ScanOutcome.notFound(slice.count());
  }

  private long trial(long nonce) {
    for (int i = 0; i < 8; i++) {
      input[i] = (byte) (nonce >>> (56 - 8 * i));
    }
    try {
      md.update(input);
      md.digest(first, 0, 64);
      md.update(first);
      md.digest(second, 0, 64);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-512 output buffer rejected", e);
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (second[i] & 0xffL);
    }
    return v;
  }
}
