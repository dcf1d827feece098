package dev.bitmsg.pow.service;

import static dev.bitmsg.pow.service.testing.Requests.objectExpiringIn;
import static dev.bitmsg.pow.service.testing.Requests.solve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.bitmsg.pow.service.testing.Hashes;
import dev.bitmsg.pow.service.testing.RecordingScanner;
import dev.bitmsg.pow.service.testing.TestServer;
import dev.bitmsg.pow.testing.EasedPowRules;
import dev.bitmsg.pow.v1.CancelRequest;
import dev.bitmsg.pow.v1.JobState;
import dev.bitmsg.pow.v1.JobUpdate;
import dev.bitmsg.pow.v1.SolveObjectRequest;
import dev.bitmsg.pow.v1.SolveStreamRequest;
import dev.bitmsg.pow.v1.SubmitRequest;
import dev.bitmsg.pow.v1.WatchRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server-wide queue cap and the bounds on finished jobs kept for Watch. */
class JobLimitsTest {
  @SuppressWarnings("NullAway.Init") // set by each test
  private TestServer t;

  @AfterEach
  void stop() {
    t.close();
  }

  private TestServer start(PowServiceConfig.Limits limits) throws Exception {
    t =
        TestServer.inProcess(
            TestServer.config().withLimits(limits),
            Optional.empty(),
            new RecordingScanner(5_000),
            new EasedPowRules(12));
    t.awaitReady();
    return t;
  }

  private static PowServiceConfig.Limits base() {
    return TestServer.config().limits();
  }

  private String submitHard(String label) {
    return t.blocking()
        .submit(SubmitRequest.newBuilder().setSolve(solve(Hashes.of(label), Hashes.HARD)).build())
        .getJobId();
  }

  @Test
  void queueCap_full_resourceExhaustedWithReason_untilAJobEnds() throws Exception {
    start(base().withMaxQueuedJobs(2));
    String a = submitHard("q1");
    submitHard("q2");
    for (Runnable call :
        List.<Runnable>of(
            () -> submitHard("q3"),
            () -> t.blocking().solve(solve(Hashes.of("q4"), Hashes.EASY)),
            () ->
                t.blocking()
                    .solveStream(
                        SolveStreamRequest.newBuilder()
                            .setSolve(solve(Hashes.of("q5"), Hashes.EASY))
                            .build())
                    .next())) {
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
      assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
      String why = String.valueOf(e.getStatus().getDescription());
      assertTrue(why.contains("server queue full") && why.contains("max-queued-jobs"), why);
    }
    t.blocking().cancel(CancelRequest.newBuilder().setJobId(a).build());
    // The place is freed when the job ends.
    assertTrue(t.blocking().solve(solve(Hashes.of("q6"), Hashes.EASY)).getTrials() > 0);
  }

  private JobUpdate last(String id) {
    List<JobUpdate> updates = new ArrayList<>();
    t.blocking()
        .watch(WatchRequest.newBuilder().setJobId(id).build())
        .forEachRemaining(updates::add);
    return updates.get(updates.size() - 1);
  }

  private Status.Code watchCode(String id) {
    try {
      last(id);
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  private String submitEasy(String label) throws Exception {
    String id =
        t.blocking()
            .submit(
                SubmitRequest.newBuilder().setSolve(solve(Hashes.of(label), Hashes.EASY)).build())
            .getJobId();
    assertEquals(JobState.JOB_STATE_DONE, last(id).getState());
    return id;
  }

  @Test
  void retention_count_oldestFinishedJobsGo() throws Exception {
    start(base().withRetention(new JobRetention(Duration.ofHours(1), 2, 1L << 30)));
    String first = submitEasy("r1");
    String second = submitEasy("r2");
    String third = submitEasy("r3");
    assertEquals(Status.Code.NOT_FOUND, awaitDropped(first), "past the count: dropped");
    assertEquals(Status.Code.OK, watchCode(second));
    assertEquals(Status.Code.OK, watchCode(third));
  }

  /**
   * The watch code of {@code id} once it is dropped, or after 10 s. The registry files a finished
   * job from the job's completion callback, which may run just after the watch reported DONE, so a
   * newer job's filing (and the drop it causes) can lag its answer.
   */
  private Status.Code awaitDropped(String id) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (watchCode(id) != Status.Code.NOT_FOUND && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return watchCode(id);
  }

  private String submitObject() throws Exception {
    String id =
        t.blocking()
            .submit(
                SubmitRequest.newBuilder()
                    .setObject(
                        SolveObjectRequest.newBuilder()
                            .setObject(ByteString.copyFrom(objectExpiringIn(3600))))
                    .build())
            .getJobId();
    assertEquals(JobState.JOB_STATE_DONE, last(id).getState());
    return id;
  }

  @Test
  void retention_bytes_objectsPastTheBudgetGo() throws Exception {
    int size = objectExpiringIn(3600).length;
    start(base().withRetention(new JobRetention(Duration.ofHours(1), 1000, size * 3L / 2)));
    String first = submitObject();
    String hashOnly = submitEasy("no object, no bytes");
    assertEquals(Status.Code.OK, watchCode(first), "one object fits");
    String second = submitObject();
    assertEquals(Status.Code.NOT_FOUND, awaitDropped(first), "two do not: the older goes");
    assertEquals(Status.Code.OK, watchCode(hashOnly), "dropping the older object was enough");
    assertEquals(Status.Code.OK, watchCode(second));
  }

  @Test
  void retention_time_finishedJobsExpire() throws Exception {
    start(base().withRetention(new JobRetention(Duration.ofMillis(200), 1000, 1L << 30)));
    String id = submitEasy("t1");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (watchCode(id) == Status.Code.OK && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    assertEquals(Status.Code.NOT_FOUND, watchCode(id));
  }
}
