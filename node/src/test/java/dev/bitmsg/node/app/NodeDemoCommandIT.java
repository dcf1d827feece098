package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.pow.testing.EasedPowRules;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bm demo --web} in-process: two nodes with their APIs and web interfaces, message with ack,
 * broadcast and chan; the URLs and the login are printed, the sent message's page shows
 * ackreceived, and the nodes stay up until stopped. PoW runs in the nodes (the PoW service is
 * another module) with eased targets; a timeout guards against a hang.
 */
@NetworkTest
class NodeDemoCommandIT {
  private static final Pattern WEB_UP =
      Pattern.compile("web interfaces stay up: A (http://\\S+)  B (http://\\S+)");
  private static final Pattern LOGIN =
      Pattern.compile("web: A \\S+ \\(user demo, password (\\S+)\\)");

  @TempDir Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void demoRunsToTheEndAndKeepsItsWebInterfacesUp() throws Exception {
    CommandRunner.Running r =
        CommandRunner.start(
            new EasedPowRules(10), "demo", "--dir", dir.toString(), "--launcher", "none", "--web");
    try {
      Await.until(
          Duration.ofMinutes(4),
          () -> "the demo's end: " + r.out + r.err,
          () -> WEB_UP.matcher(r.out.toString()).find() || !r.thread.isAlive());
      String out = r.out.toString();
      assertTrue(out.contains("ackreceived"), out);
      assertTrue(out.contains("\"Hello Bob\""), out);
      assertTrue(out.contains("B inbox: \"News from alice\""), out);
      assertTrue(out.contains("A inbox: \"Hello chan\""), out);
      assertTrue(out.contains("./bm node --data " + dir.resolve("node-a")), out);
      assertTrue(out.contains("follow it live: http://127.0.0.1:"), out);
      assertTrue(Files.isRegularFile(dir.resolve("node-b").resolve("node.db")));
      assertTrue(Files.isRegularFile(dir.resolve("node-b").resolve("api.conf")));

      Matcher up = WEB_UP.matcher(out);
      assertTrue(up.find(), out);
      Matcher login = LOGIN.matcher(out);
      assertTrue(login.find(), out);
      String a = up.group(1);
      String origin = a.substring(0, a.length() - 1);
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> in =
          http.send(
              HttpRequest.newBuilder(URI.create(a + "login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Origin", origin)
                  .POST(HttpRequest.BodyPublishers.ofString("user=demo&password=" + login.group(1)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(303, in.statusCode(), in.body());
      String cookie = in.headers().firstValue("Set-Cookie").orElseThrow();
      HttpResponse<String> sent =
          http.send(
              HttpRequest.newBuilder(URI.create(a + "sent"))
                  .header("Cookie", cookie.substring(0, cookie.indexOf(';')))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, sent.statusCode());
      assertTrue(sent.body().contains("data-status=\"ackreceived\""), sent.body());
      assertTrue(r.thread.isAlive(), "the demo keeps running with --web");
    } finally {
      r.thread.interrupt(); // as Ctrl-C: the demo closes its nodes and ends
      r.thread.join(30_000);
    }
    assertTrue(!r.thread.isAlive(), "the demo ended when stopped");
    assertNotEquals(Integer.MIN_VALUE, r.exit.get());
  }
}
