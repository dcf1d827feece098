package dev.bitmsg.node.app;

import dev.bitmsg.node.messaging.PowWorker;
import dev.bitmsg.node.net.NodeNetwork;
import dev.bitmsg.node.net.OnionName;
import dev.bitmsg.node.net.OnionPeers;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.pow.Difficulty;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advertises our onion service ({@code --onion-host}) as PyBitmessage does: an {@code onionpeer}
 * object naming it and its port, with the network's proof of work, TTL a week, published at start
 * and again an hour before the last one expires (PyBitmessage's singleCleaner asks for one as
 * needed). A v3 name cannot travel in addr, so this is how peers learn it. One daemon thread; PoW
 * failures are logged and retried on the next round.
 */
final class OnionAnnouncer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OnionAnnouncer.class);
  private static final Duration CHECK_EVERY = Duration.ofMinutes(10);
  private static final long RENEW_BEFORE_SECONDS = 3600;

  private final OnionName name;
  private final int port;
  private final PowWorker pow;
  private final NodeNetwork network;
  private final Clock clock;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bitmsg-onion");
            t.setDaemon(true);
            return t;
          });
  private volatile long expires;

  OnionAnnouncer(OnionName name, int port, PowWorker pow, NodeNetwork network, Clock clock) {
    this.name = name;
    this.port = port;
    this.pow = pow;
    this.network = network;
    this.clock = clock;
  }

  /** Publishes now (in the background) and checks every ten minutes. */
  OnionAnnouncer start() {
    var unused =
        timer.scheduleWithFixedDelay(
            this::maybePublish, 0, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void maybePublish() {
    long now = clock.instant().getEpochSecond();
    if (expires - now > RENEW_BEFORE_SECONDS) {
      return;
    }
    try {
      long expiry = now + OnionPeers.TTL_SECONDS;
      ObjectMessage unsolved = OnionPeers.make(name, port, expiry);
      ObjectMessage solved =
          pow.solve(unsolved, now, Difficulty.NETWORK_DEFAULT, progress -> {}).object();
      network.submit(solved);
      expires = expiry;
      log.info(
          "onion service advertised host={} port={} vector={}",
          name,
          port,
          solved.inventoryVector());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("onionpeer object not published; retried in {}", CHECK_EVERY, e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
