package dev.bitmsg.pow.client;

import dev.bitmsg.pow.PowException;

/**
 * No replica of the PoW service could finish a job (all down, hung or refusing, or the circuit is
 * open). Carries where the search stands, so the caller continues it on its CPU instead of starting
 * over: every nonce from the job's start up to, not including, {@link #resumeNonce} was searched
 * without an answer. The message starts with {@code UNAVAILABLE}.
 */
public final class ServiceUnavailableException extends PowException {
  private static final long serialVersionUID = 1L;

  private final long resumeNonce;
  private final long trialsSearched;

  public ServiceUnavailableException(String why, long resumeNonce, long trialsSearched) {
    super("UNAVAILABLE " + why);
    this.resumeNonce = resumeNonce;
    this.trialsSearched = trialsSearched;
  }

  /** The first nonce not yet searched (unsigned; the search counts up modulo 2^64). */
  public long resumeNonce() {
    return resumeNonce;
  }

  /** Trials the service spent on the job before it failed. */
  public long trialsSearched() {
    return trialsSearched;
  }
}
