package dev.bitmsg.pow.cli;

import com.google.protobuf.ByteString;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowJob;
import dev.bitmsg.pow.PowProgress;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.service.client.PowServiceClient;
import dev.bitmsg.pow.v1.JobState;
import dev.bitmsg.pow.v1.JobUpdate;
import dev.bitmsg.pow.v1.Priority;
import dev.bitmsg.pow.v1.SolveRequest;
import dev.bitmsg.pow.v1.SolveResponse;
import dev.bitmsg.pow.v1.SubmitRequest;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code bm pow solve --server}: the same search run through a PoW service (Submit + Watch), with
 * the same progress bar and output as the local path. The answer is re-checked here with {@link
 * TrialValue} before it is printed. Used once by one thread.
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

  /** Exit status: 0 solved, 1 the search failed, 2 bad input or the call was refused. */
  int run(String server, String token, PowJob job, boolean startNonceGiven) {
    InitialHash hash = job.initialHash();
    SolveRequest.Builder solve =
        SolveRequest.newBuilder()
            .setInitialHash(ByteString.copyFrom(hash.toByteArray()))
            .setTarget(job.target())
            .setPriority(Priority.PRIORITY_INTERACTIVE);
    if (startNonceGiven) {
      solve.setStartNonce(job.startNonce());
    }
    SubmitRequest request = SubmitRequest.newBuilder().setSolve(solve).build();
    SearchProgressBar bar =
        System.console() != null ? new SearchProgressBar(err, job.expectedTrials()) : null;
    try (PowServiceClient client =
        PowServiceClient.connect(server, Optional.ofNullable(token), Optional.empty())) {
      JobUpdate last;
      try {
        last =
            client.submitAndWatch(
                request,
                Duration.ofMillis(250),
                u -> {
                  if (bar != null) {
                    bar.draw(new PowProgress(u.getTrials(), u.getTrialsPerSecond()));
                  }
                });
      } finally {
        if (bar != null) {
          bar.clear();
        }
      }
      if (last.getState() != JobState.JOB_STATE_DONE) {
        err.println("bm pow solve: the search ended " + last.getState() + ": " + last.getError());
        return 1;
      }
      SolveResponse s = last.getResult();
      if (!TrialValue.isSolution(s.getNonce(), hash, job.target())) {
        err.println("bm pow solve: the service returned a nonce that does not verify");
        return 1;
      }
      print(s, server);
      return 0;
    } catch (StatusRuntimeException e) {
      err.println(
          "bm pow solve: "
              + server
              + ": "
              + e.getStatus().getCode()
              + ": "
              + e.getStatus().getDescription());
      return 2;
    } catch (IOException e) {
      err.println("bm pow solve: cannot connect to " + server + ": " + e.getMessage());
      return 2;
    }
  }

  private void print(SolveResponse s, String server) {
    double seconds = s.getElapsedMs() / 1e3;
    if (json) {
      out.println(
          "{\"nonce\": "
              + Long.toUnsignedString(s.getNonce())
              + ", \"trial_value\": "
              + Long.toUnsignedString(s.getTrialValue())
              + ", \"engine\": "
              + JsonLine.quote(s.getEngine())
              + ", \"trials\": "
              + s.getTrials()
              + ", \"seconds\": "
              + JsonLine.number(seconds)
              + ", \"server\": "
              + JsonLine.quote(server)
              + "}");
    } else {
      out.println("nonce: " + Long.toUnsignedString(s.getNonce()));
      out.println("trial value: " + Long.toUnsignedString(s.getTrialValue()));
      out.println("engine: " + s.getEngine() + " (via " + server + ")");
      out.println("trials: " + s.getTrials());
      out.printf(Locale.ROOT, "seconds: %.3f%n", seconds);
    }
    out.flush();
  }
}
