package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.service.ConnectionLimits;
import dev.bitmsg.pow.service.JobRetention;
import dev.bitmsg.pow.service.PowServiceConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The limits of {@code bm pow-service}, each a flag and a config key of the same name: job size and
 * time, the global queue cap, retention of finished jobs, and the HTTP/2 connection policy. Values
 * are checked when {@link #limits} builds them (a bad one is a one-line error naming the key). Not
 * thread-safe: picocli fills it once.
 */
final class LimitOptions {
  @Option(
      names = "--max-job-seconds",
      defaultValue = "3600",
      description =
          "longest a job may run, and the deadline of calls without one (default ${DEFAULT-VALUE})")
  long maxJobSeconds;

  @Option(
      names = "--max-expected-trials",
      defaultValue = "1e12",
      description = "refuse jobs expecting more trials (default ${DEFAULT-VALUE})")
  double maxExpectedTrials;

  @Option(
      names = "--max-queued-jobs",
      paramLabel = "N",
      defaultValue = "1000",
      description =
          "jobs queued or running, all clients together; more are refused with"
              + " RESOURCE_EXHAUSTED (default ${DEFAULT-VALUE})")
  int maxQueuedJobs;

  @Option(
      names = "--retain-seconds",
      paramLabel = "N",
      defaultValue = "600",
      description = "keep finished Submit jobs for Watch this long (default ${DEFAULT-VALUE})")
  long retainSeconds;

  @Option(
      names = "--retain-jobs",
      paramLabel = "N",
      defaultValue = "1000",
      description = "keep at most this many finished Submit jobs (default ${DEFAULT-VALUE})")
  int retainJobs;

  @Option(
      names = "--retain-bytes",
      paramLabel = "N",
      defaultValue = "67108864",
      description =
          "keep finished Submit jobs' objects up to this many bytes in all (default"
              + " ${DEFAULT-VALUE}, 64 MiB)")
  long retainBytes;

  @Option(
      names = "--max-calls-per-connection",
      paramLabel = "N",
      defaultValue = "100",
      description = "concurrent calls on one HTTP/2 connection (default ${DEFAULT-VALUE})")
  int maxCallsPerConnection;

  @Option(
      names = "--permit-keepalive-seconds",
      paramLabel = "N",
      defaultValue = "5",
      description =
          "clients pinging more often than this are disconnected (default ${DEFAULT-VALUE})")
  long permitKeepaliveSeconds;

  @Option(
      names = "--permit-keepalive-without-calls",
      arity = "1",
      paramLabel = "true|false",
      defaultValue = "true",
      description = "allow pings on connections with no call in flight (default ${DEFAULT-VALUE})")
  boolean permitKeepaliveWithoutCalls;

  @Option(
      names = "--max-connection-age-seconds",
      paramLabel = "N",
      defaultValue = "600",
      description =
          "ask clients to reconnect after this long, so balancers spread them again; 0 = never"
              + " (default ${DEFAULT-VALUE})")
  long maxConnectionAgeSeconds;

  @Option(
      names = "--max-connection-age-grace-seconds",
      paramLabel = "N",
      defaultValue = "600",
      description =
          "calls on an aged-out connection may run this much longer (default ${DEFAULT-VALUE})")
  long maxConnectionAgeGraceSeconds;

  @Option(
      names = "--keepalive-seconds",
      paramLabel = "N",
      defaultValue = "60",
      description =
          "ping a client silent this long, drop it without an answer in 20 s (default"
              + " ${DEFAULT-VALUE})")
  long keepaliveSeconds;

  /** The limits given, with {@code detachedGrace} for unwatched Submit jobs. */
  PowServiceConfig.Limits limits(Duration detachedGrace) {
    return new PowServiceConfig.Limits(
        seconds("max-job-seconds", maxJobSeconds),
        maxExpectedTrials,
        detachedGrace,
        maxQueuedJobs,
        new JobRetention(seconds("retain-seconds", retainSeconds), retainJobs, retainBytes),
        new ConnectionLimits(
            maxCallsPerConnection,
            seconds("permit-keepalive-seconds", permitKeepaliveSeconds),
            permitKeepaliveWithoutCalls,
            seconds("max-connection-age-seconds", maxConnectionAgeSeconds),
            seconds("max-connection-age-grace-seconds", maxConnectionAgeGraceSeconds),
            seconds("keepalive-seconds", keepaliveSeconds)));
  }

  /** Seconds as a duration; absurdly many (past about 290 years) are an error naming the key. */
  private static Duration seconds(String key, long n) {
    if (n > Long.MAX_VALUE / 1_000_000_000L) {
      throw new IllegalArgumentException(key + ": too large, got " + n);
    }
    return Duration.ofSeconds(n);
  }
}
