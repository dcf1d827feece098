package dev.bitmsg.node.pow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.testing.HaproxyProcess;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.PowReplica;
import dev.bitmsg.pow.client.Transport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real proxy: three real PoW service replicas on 127.0.0.1, .2 and .3 behind HAProxy (the
 * distribution's package, run with {@code deploy/haproxy/pow.cfg} as shipped, gRPC over HTTP/2),
 * and nodes that know only the proxy ({@code --pow-service PROXY}). Several nodes are served, their
 * jobs spread over the replicas by the proxy; the replica holding a node's job is killed (SIGKILL)
 * or stopped (SIGSTOP), and the job finishes on another replica through the proxy, the message
 * delivered once with no CPU fallback.
 */
@NetworkTest
class PowProxyIT {
  @TempDir Path dir;

  @Test
  void severalNodes_servedThroughTheProxyByTheReplicas() throws Exception {
    List<PowReplica> replicas = start();
    try (HaproxyProcess proxy = proxy(replicas);
        ReplicaScenarios s = scenarios(replicas, proxy)) {
      List<Long> before = new ArrayList<>();
      for (PowReplica r : replicas) {
        before.add(r.trialsTotal());
      }
      List<String> by = s.severalNodesSend();
      for (String b : by) {
        assertTrue(b.startsWith("remote " + proxy.endpoint() + " ("), "through the proxy: " + b);
      }
      int used = 0;
      for (int i = 0; i < replicas.size(); i++) {
        if (replicas.get(i).trialsTotal() > before.get(i)) {
          used++;
        }
      }
      assertTrue(used >= 2, "the proxy spread the jobs over the replicas: " + used + " used");
    } finally {
      replicas.forEach(PowReplica::close);
    }
  }

  @Test
  void replicaKilledMidJob_jobFinishesOnAnotherThroughTheProxy() throws Exception {
    failMidJob(ReplicaScenarios.Failure.KILL);
  }

  @Test
  void replicaStoppedMidJob_jobFinishesOnAnotherThroughTheProxy() throws Exception {
    failMidJob(ReplicaScenarios.Failure.STOP);
  }

  private void failMidJob(ReplicaScenarios.Failure failure) throws Exception {
    List<PowReplica> replicas = start();
    try (HaproxyProcess proxy = proxy(replicas);
        ReplicaScenarios s = scenarios(replicas, proxy)) {
      ReplicaScenarios.Outcome o = s.replicaFailsMidJob(failure);
      for (String by : o.after()) {
        assertTrue(by.startsWith("remote " + proxy.endpoint() + " ("), "through the proxy: " + by);
      }
    } finally {
      replicas.forEach(PowReplica::close);
    }
  }

  private List<PowReplica> start() {
    return PowReplica.startAll(dir, Optional.empty(), "127.0.0.1", "127.0.0.2", "127.0.0.3");
  }

  private HaproxyProcess proxy(List<PowReplica> replicas) throws Exception {
    return HaproxyProcess.start(
        dir.resolve("haproxy"), replicas.stream().map(PowReplica::endpoint).toList());
  }

  private ReplicaScenarios scenarios(List<PowReplica> replicas, HaproxyProcess proxy) {
    NodeConfig.PowService service =
        new NodeConfig.PowService(
            List.of(proxy.endpoint()),
            Optional.of(PowReplica.TOKEN),
            new Transport.Plaintext(),
            ReplicaScenarios.TIMING);
    return new ReplicaScenarios(dir, replicas, service, "haproxy");
  }
}
