package dev.bitmsg.node.pow;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.PowReplica;
import dev.bitmsg.pow.client.Transport;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client-side balancing: three real PoW service replicas on 127.0.0.1, .2 and .3, each node given
 * all three ({@code --pow-service} repeated) and balancing them with gRPC's round_robin and health
 * checks. Several nodes are served, their jobs spread over the replicas; a replica killed (SIGKILL)
 * or stopped (SIGSTOP) while it holds a node's job, and the job finishes on another replica, the
 * message delivered once.
 */
@NetworkTest
class PowReplicasIT {
  @TempDir Path dir;

  @Test
  void severalNodes_servedByAllThreeReplicas() throws Exception {
    List<PowReplica> replicas = start();
    try (ReplicaScenarios s = scenarios(replicas)) {
      List<String> by = s.severalNodesSend();
      Set<String> used =
          by.stream().map(b -> b.substring(0, b.indexOf(" ("))).collect(Collectors.toSet());
      assertTrue(used.size() >= 2, "jobs spread over the replicas: " + by);
    } finally {
      replicas.forEach(PowReplica::close);
    }
  }

  @Test
  void replicaKilledMidJob_jobFinishesOnAnother() throws Exception {
    failMidJob(ReplicaScenarios.Failure.KILL);
  }

  @Test
  void replicaStoppedMidJob_jobFinishesOnAnother() throws Exception {
    failMidJob(ReplicaScenarios.Failure.STOP);
  }

  private void failMidJob(ReplicaScenarios.Failure failure) throws Exception {
    List<PowReplica> replicas = start();
    try (ReplicaScenarios s = scenarios(replicas)) {
      ReplicaScenarios.Outcome o = s.replicaFailsMidJob(failure);
      for (String by : o.after()) {
        assertFalse(by.startsWith(o.failed().remoteName() + " "), "not the failed replica: " + by);
      }
    } finally {
      replicas.forEach(PowReplica::close);
    }
  }

  private List<PowReplica> start() {
    return PowReplica.startAll(dir, Optional.empty(), "127.0.0.1", "127.0.0.2", "127.0.0.3");
  }

  private ReplicaScenarios scenarios(List<PowReplica> replicas) {
    List<HostPort> endpoints = replicas.stream().map(PowReplica::endpoint).toList();
    NodeConfig.PowService service =
        new NodeConfig.PowService(
            endpoints,
            Optional.of(PowReplica.TOKEN),
            new Transport.Plaintext(),
            ReplicaScenarios.TIMING);
    return new ReplicaScenarios(dir, replicas, service, "client-side balancing");
  }
}
