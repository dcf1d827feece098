package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowJob;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.client.ClientSettings;
import dev.bitmsg.pow.client.PowClient;
import dev.bitmsg.pow.client.RemoteAnswer;
import dev.bitmsg.pow.client.ServiceUnavailableException;
import dev.bitmsg.pow.v1.Priority;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code bm pow solve --server}: the same search run through the PoW service with the node's client
 * ({@link PowClient}: one SolveStream call, balanced over the given replicas, moved when one dies
 * or hangs), with the same progress bar and output as the local path. The answer is re-checked with
 * {@link TrialValue} before it is printed. Used once by one thread.
 */
final class RemoteSolve {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;

  RemoteSolve(PrintWriter out, PrintWriter err, boolean json) {
    this.out = out;
    this.err = err;
    this.json = json;
  }

  /** Exit status: 0 solved, 1 no replica could finish the search, 2 the call was refused. */
  int run(ClientSettings settings, PowJob job) throws InterruptedException {
    InitialHash hash = job.initialHash();
    SearchProgressBar bar =
        Terminal.attached() ? new SearchProgressBar(err, job.expectedTrials()) : null;
    long t0 = System.nanoTime();
    try (PowClient client = PowClient.open(settings)) {
      RemoteAnswer a;
      try {
        a =
            client.solve(
                hash,
                job.target(),
                Priority.PRIORITY_INTERACTIVE,
                job.startNonce(),
                p -> {
                  if (bar != null) {
                    bar.draw(p);
                  }
                });
      } finally {
        if (bar != null) {
          bar.clear();
        }
      }
      print(a, TrialValue.of(a.nonce(), hash), (System.nanoTime() - t0) / 1e9);
      return 0;
    } catch (ServiceUnavailableException e) {
      err.println("bm pow solve: " + settings.targetList() + ": " + e.getMessage());
      return 1;
    } catch (StatusRuntimeException e) {
      err.println(
          "bm pow solve: "
              + settings.targetList()
              + ": "
              + e.getStatus().getCode()
              + ": "
              + e.getStatus().getDescription());
      return 2;
    }
  }

  private void print(RemoteAnswer a, long trialValue, double seconds) {
    if (json) {
      out.println(
          "{\"nonce\": "
              + Long.toUnsignedString(a.nonce())
              + ", \"trial_value\": "
              + Long.toUnsignedString(trialValue)
              + ", \"engine\": "
              + JsonLine.quote(a.engine())
              + ", \"trials\": "
              + a.trials()
              + ", \"seconds\": "
              + JsonLine.number(seconds)
              + ", \"server\": "
              + JsonLine.quote(a.replica())
              + ", \"attempts\": "
              + a.attempts()
              + "}");
    } else {
      out.println("nonce: " + Long.toUnsignedString(a.nonce()));
      out.println("trial value: " + Long.toUnsignedString(trialValue));
      out.println("engine: " + a.engine() + " (via " + a.replica() + ")");
      out.println("trials: " + a.trials());
      out.printf(Locale.ROOT, "seconds: %.3f%n", seconds);
    }
    out.flush();
  }
}
