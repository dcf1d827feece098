package dev.bitmsg.node.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** Scrapes a node's {@code /metrics} page over real HTTP on loopback. */
public final class MetricsScrape {
  private final HttpClient http = HttpClient.newHttpClient();
  private final HttpRequest get;

  public MetricsScrape(int port) {
    this.get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
  }

  public String once() throws Exception {
    return http.send(get, HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Scrapes until {@code done} holds for the page (60 s at most); returns that page. */
  public String until(Predicate<String> done) {
    AtomicReference<String> last = new AtomicReference<>("");
    Await.until(
        Duration.ofSeconds(60),
        () -> "metrics:\n" + last.get(),
        () -> {
          try {
            last.set(once());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          return done.test(String.valueOf(last.get()));
        });
    return String.valueOf(last.get());
  }
}
