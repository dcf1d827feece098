package dev.bitmsg.pow.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.client.ScriptedReplica.Act;
import dev.bitmsg.pow.client.ScriptedReplica.Call;
import dev.bitmsg.pow.v1.Priority;
import io.grpc.InsecureServerCredentials;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The client's failover against real gRPC servers on distinct loopback addresses, scripted to die
 * or go silent in the middle of a job: the job finishes on another replica, resuming at the nonce
 * the first one reported; a replica whose health says NOT_SERVING gets no job; with no replica the
 * job is handed back with its resume point and the circuit then refuses at once.
 */
class PowClientFailoverTest {
  /** About one nonce in 16 solves it: a scripted replica answers after a few trials. */
  private static final long EASY = 1L << 60;

  private static final FailoverTiming QUICK =
      FailoverTiming.defaults()
          .withStall(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(30));

  private static final InitialHash HASH =
      InitialHash.ofObjectWithoutNonce("failover".getBytes(StandardCharsets.UTF_8));

  @Test
  void replicaDiesMidJob_jobFinishesOnAnother_resumingAtTheReportedNonce() throws Exception {
    List<Call> calls = ScriptedReplica.callLog();
    try (ScriptedReplica a =
            replica("127.0.0.2", n -> n == 1 ? Act.REPORT_THEN_DIE : Act.ANSWER, calls);
        ScriptedReplica b =
            replica("127.0.0.3", n -> n == 1 ? Act.REPORT_THEN_DIE : Act.ANSWER, calls);
        PowClient client = PowClient.open(settings(a, b))) {
      RemoteAnswer answer = client.solve(HASH, EASY, Priority.PRIORITY_INTERACTIVE, 1000, p -> {});
      assertResumedOnAnother(calls, answer);
    }
  }

  @Test
  void replicaHangsMidJob_callCancelled_jobFinishesResumingAtTheReportedNonce() throws Exception {
    List<Call> calls = ScriptedReplica.callLog();
    try (ScriptedReplica a =
            replica("127.0.0.2", n -> n == 1 ? Act.REPORT_THEN_HANG : Act.ANSWER, calls);
        ScriptedReplica b =
            replica("127.0.0.3", n -> n == 1 ? Act.REPORT_THEN_HANG : Act.ANSWER, calls);
        PowClient client = PowClient.open(settings(a, b))) {
      long t0 = System.nanoTime();
      RemoteAnswer answer = client.solve(HASH, EASY, Priority.PRIORITY_INTERACTIVE, 1000, p -> {});
      System.out.printf(
          Locale.ROOT,
          "PowClientFailoverTest: silent replica left after %d ms (stall timeout %d ms)%n",
          (System.nanoTime() - t0) / 1_000_000,
          QUICK.stallTimeout().toMillis());
      assertEquals(2, calls.size(), calls.toString());
      assertTrue(calls.get(0).cancelled()[0], "the silent call was cancelled");
      assertEquals(1000 + ScriptedReplica.REPORTED_SPAN, calls.get(1).startNonce());
      assertTrue(TrialValue.isSolution(answer.nonce(), HASH, EASY));
      assertEquals(2, answer.attempts());
    }
  }

  @Test
  void replicaNotServing_getsNoJob() throws Exception {
    List<Call> calls = ScriptedReplica.callLog();
    try (ScriptedReplica a = replica("127.0.0.2", n -> Act.ANSWER, calls);
        ScriptedReplica b = replica("127.0.0.3", n -> Act.ANSWER, calls)) {
      a.setServing(false);
      try (PowClient client = PowClient.open(settings(a, b))) {
        for (int i = 0; i < 6; i++) {
          RemoteAnswer r = client.solve(HASH, EASY, Priority.PRIORITY_BULK, i * 100L, p -> {});
          assertEquals(b.name(), r.replica());
        }
      }
      assertEquals(6, calls.size());
      assertTrue(calls.stream().allMatch(c -> c.replica().equals(b.name())), calls.toString());
    }
  }

  @Test
  void bothServing_jobsGoToBoth() throws Exception {
    List<Call> calls = ScriptedReplica.callLog();
    try (ScriptedReplica a = replica("127.0.0.2", n -> Act.ANSWER, calls);
        ScriptedReplica b = replica("127.0.0.3", n -> Act.ANSWER, calls);
        PowClient client = PowClient.open(settings(a, b))) {
      // round_robin starts using a replica once its connection and health check are done: after
      // the first few jobs both are in the rotation
      for (int i = 0; i < 20; i++) {
        client.solve(HASH, EASY, Priority.PRIORITY_BULK, i * 100L, p -> {});
      }
      List<Call> last = calls.subList(10, 20);
      assertTrue(last.stream().anyMatch(c -> c.replica().equals(a.name())), calls.toString());
      assertTrue(last.stream().anyMatch(c -> c.replica().equals(b.name())), calls.toString());
    }
  }

  @Test
  void noReplica_jobHandedBackAtItsStart_thenCircuitRefusesAtOnce() throws Exception {
    ClientSettings s =
        ClientSettings.plaintext(List.of(closedPort("127.0.0.2"), closedPort("127.0.0.3")))
            .withTiming(QUICK.withBreaker(Duration.ofMinutes(5), Duration.ofMinutes(10)));
    try (PowClient client = PowClient.open(s)) {
      ServiceUnavailableException first =
          assertThrows(
              ServiceUnavailableException.class,
              () -> client.solve(HASH, EASY, Priority.PRIORITY_INTERACTIVE, 77, p -> {}));
      assertEquals(77, first.resumeNonce());
      assertTrue(
          String.valueOf(first.getMessage()).startsWith("UNAVAILABLE no healthy replica"),
          first.getMessage());
      assertTrue(client.circuitOpen());
      long t0 = System.nanoTime();
      ServiceUnavailableException refused =
          assertThrows(
              ServiceUnavailableException.class,
              () -> client.solve(HASH, EASY, Priority.PRIORITY_INTERACTIVE, 88, p -> {}));
      System.out.printf(
          Locale.ROOT,
          "PowClientFailoverTest: circuit open, job handed back in %.3f ms%n",
          (System.nanoTime() - t0) / 1e6);
      assertEquals(88, refused.resumeNonce());
      assertTrue(
          String.valueOf(refused.getMessage()).contains("circuit open"), refused.getMessage());
    }
  }

  private static void assertResumedOnAnother(List<Call> calls, RemoteAnswer answer) {
    assertEquals(2, calls.size(), calls.toString());
    assertEquals(1000, calls.get(0).startNonce());
    assertEquals(1000 + ScriptedReplica.REPORTED_SPAN, calls.get(1).startNonce());
    assertNotEquals(calls.get(0).replica(), calls.get(1).replica());
    assertEquals(calls.get(1).replica(), answer.replica());
    assertTrue(TrialValue.isSolution(answer.nonce(), HASH, EASY));
    assertEquals(2, answer.attempts());
    assertTrue(answer.by().startsWith("remote " + answer.replica() + " (scripted)"), answer.by());
  }

  private static ScriptedReplica replica(String host, IntFunction<Act> script, List<Call> calls)
      throws Exception {
    return ScriptedReplica.start(host, script, calls, InsecureServerCredentials.create());
  }

  private static ClientSettings settings(ScriptedReplica... replicas) {
    return ClientSettings.plaintext(Arrays.stream(replicas).map(ScriptedReplica::target).toList())
        .withTiming(QUICK);
  }

  static ServiceTarget closedPort(String host) throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return new ServiceTarget(host, s.getLocalPort());
    }
  }
}
