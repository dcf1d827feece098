package dev.bitmsg.pow.service;

import dev.bitmsg.pow.service.scheduler.EngineSnapshot;
import dev.bitmsg.pow.service.scheduler.JobPriority;
import dev.bitmsg.pow.service.scheduler.QueueSnapshot;
import dev.bitmsg.pow.service.scheduler.Scheduler;
import dev.bitmsg.pow.v1.EngineInfo;
import dev.bitmsg.pow.v1.GetInfoResponse;
import dev.bitmsg.pow.v1.QueueDepth;
import java.util.EnumMap;
import java.util.Map;

/**
 * The GetInfo answer: each engine's rate and health, the total rate of the healthy ones, and the
 * queue depth per priority class (every class listed, empty ones too). Stateless.
 */
final class ServiceInfo {
  private ServiceInfo() {}

  static GetInfoResponse describe(Scheduler scheduler, String version) {
    GetInfoResponse.Builder b = GetInfoResponse.newBuilder().setVersion(version);
    double total = 0;
    for (EngineSnapshot e : scheduler.engines()) {
      b.addEngines(
          EngineInfo.newBuilder()
              .setName(e.name())
              .setTrialsPerSecond(e.trialsPerSecond())
              .setTrialsPerPass(e.trialsPerPass())
              .setHealthy(e.healthy())
              .setTrialsTotal(e.trialsTotal()));
      if (e.healthy()) {
        total += e.trialsPerSecond();
      }
    }
    Map<JobPriority, int[]> depth = new EnumMap<>(JobPriority.class);
    for (JobPriority p : JobPriority.values()) {
      depth.put(p, new int[2]);
    }
    for (QueueSnapshot q : scheduler.queues()) {
      int[] d = depth.computeIfAbsent(q.priority(), k -> new int[2]);
      d[0] += q.queued();
      d[1] += q.running();
    }
    depth.forEach(
        (p, c) ->
            b.addQueues(
                QueueDepth.newBuilder()
                    .setPriority(RequestMapper.toProto(p))
                    .setQueued(c[0])
                    .setRunning(c[1])));
    return b.setTotalTrialsPerSecond(total).build();
  }
}
