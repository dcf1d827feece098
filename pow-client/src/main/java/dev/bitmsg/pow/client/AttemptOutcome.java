package dev.bitmsg.pow.client;

import dev.bitmsg.pow.v1.SolveResponse;
import io.grpc.Status;

/** How one call of a job ended. Immutable. */
sealed interface AttemptOutcome {
  /** The replica that served the call, or {@code ?} when the call never reached one. */
  String replica();

  /** Whether the call got at least one message from a replica. */
  boolean heard();

  /** The answer; {@code firstHeardNanos}: when the call's first message arrived. */
  record Answered(SolveResponse response, String replica, long firstHeardNanos)
      implements AttemptOutcome {
    @Override
    public boolean heard() {
      return true;
    }
  }

  /** The replica went silent for the stall timeout after it had reported: it hangs. */
  record Stalled(String replica, long silentMs) implements AttemptOutcome {
    @Override
    public boolean heard() {
      return true;
    }
  }

  /** No replica took the call in time: none is ready (all down, refused, or hung). */
  record NotReady(String state, long waitedMs) implements AttemptOutcome {
    @Override
    public String replica() {
      return "?";
    }

    @Override
    public boolean heard() {
      return false;
    }
  }

  /** The call ended with an error status. */
  record Failed(Status status, String replica, boolean heard) implements AttemptOutcome {}
}
