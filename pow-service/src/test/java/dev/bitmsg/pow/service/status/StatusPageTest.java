package dev.bitmsg.pow.service.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.DigestScanner;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.service.scheduler.ClientShare;
import dev.bitmsg.pow.service.scheduler.Job;
import dev.bitmsg.pow.service.scheduler.JobPriority;
import dev.bitmsg.pow.service.scheduler.JobSpec;
import dev.bitmsg.pow.service.scheduler.PassSizing;
import dev.bitmsg.pow.service.scheduler.Scheduler;
import dev.bitmsg.pow.service.testing.Hashes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The status page over real HTTP, for a scheduler that has done a job for a named client. */
class StatusPageTest {
  @Test
  void showsEnginesQueueSharesAndRecentJobsReadOnlyAndEscaped() throws Exception {
    Scheduler s = new Scheduler(List.of(new DigestScanner()), PassSizing.FIXED);
    try (StatusPage page = StatusPage.start(s, "127.0.0.1", 0)) {
      s.start();
      InitialHash h = Hashes.of("status page");
      Job job =
          s.submit(
              new JobSpec(
                  h,
                  Hashes.EASY,
                  JobPriority.INTERACTIVE,
                  new ClientShare("node-<b>1</b>", 1),
                  Duration.ofMinutes(1)));
      job.result().get(30, TimeUnit.SECONDS);
      HttpClient http = HttpClient.newHttpClient();
      String url = "http://127.0.0.1:" + page.port() + "/";
      // The job's end reaches the listeners just after its result: ask again, boundedly.
      HttpResponse<String> r = get(http, url);
      for (int i = 0; i < 100 && !r.body().contains(">done<"); i++) {
        Thread.sleep(100);
        r = get(http, url);
      }
      assertEquals(200, r.statusCode());
      String html = r.body();
      assertTrue(html.contains("<meta http-equiv=\"refresh\""), html);
      assertTrue(html.contains(new DigestScanner().name()), html);
      assertTrue(html.contains("node-&lt;b&gt;1&lt;/b&gt;"), "client named, escaped: " + html);
      assertFalse(html.contains("<b>1</b>"), html);
      assertTrue(html.contains(">done<"), "the ended job is listed: " + html);
      assertTrue(html.contains(">interactive<"), html);
      assertFalse(html.contains(job.id()), "no job ids: " + html);
      assertFalse(
          r.headers().firstValue("Content-Security-Policy").orElseThrow().contains("unsafe"));

      HttpResponse<String> post =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .POST(HttpRequest.BodyPublishers.ofString("x"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(405, post.statusCode());
    } finally {
      s.close();
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
