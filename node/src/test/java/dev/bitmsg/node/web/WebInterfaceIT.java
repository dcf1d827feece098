package dev.bitmsg.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.pow.SuppressForbidden;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web interface in a real headless browser (the distribution's Chromium): two in-process nodes
 * on loopback, each with its web interface on its own 127.0.0.N. Log in on A, create an identity
 * there (its QR code shown), log in on B and create one, compose on A and watch the PoW progress
 * grow and the status reach ackreceived live on the page (no reload), then find the message in B's
 * inbox with its HTML and script shown as text; a form posted to A from a page of another origin is
 * refused with 403. Screenshots of each step are kept under {@code target/screenshots/}.
 */
@NetworkTest
@SuppressForbidden("com.sun.net.httpserver serves the other origin's page")
class WebInterfaceIT {
  private static final String USER = "web";
  private static final String PASSWORD = "pw-web";
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final String BODY =
      "<script>window.pwned = 1</script><b>not bold</b> & <img src=x onerror=\"window.pwned=2\">";

  @TempDir Path dir;
  private @Nullable Node a;
  private @Nullable Node b;
  private @Nullable HttpServer evil;

  @AfterEach
  void stop() {
    if (evil != null) {
      evil.stop(0);
    }
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  /** Node A alone, its web interface on 127.0.0.2 (closed after the test). */
  private Node startLoneA() throws Exception {
    Node n =
        NodeAssembly.start(
            TestNetwork.setup(dir.resolve("a"), 0, List.of()).withWeb(web("127.0.0.2")));
    a = n;
    return n;
  }

  private static WebSettings web(String host) {
    return new WebSettings(host, 0, USER, PASSWORD, false, Optional.empty());
  }

  @Test
  void sendToSecondNodeAndWatchTheStatusLive() throws Exception {
    Node b =
        NodeAssembly.start(
            TestNetwork.setup(dir.resolve("b"), 0, List.of()).withWeb(web("127.0.0.3")));
    this.b = b;
    AtomicReference<Node> started = new AtomicReference<>();
    HeldPow held =
        new HeldPow(
            () ->
                started.get() != null
                    && started.get().messenger().outbox().stream()
                        .anyMatch(e -> e.status() == SendStatus.DOING_POW));
    Node a =
        NodeAssembly.start(
            TestNetwork.setup(dir.resolve("a"), 0, List.of(TestNetwork.endpoint(b)))
                .withWeb(web("127.0.0.2"))
                .withPowWrapper(held::wrap));
    started.set(a);
    this.a = a;
    String urlA = a.webUrl().orElseThrow();
    String urlB = b.webUrl().orElseThrow();
    try (Browser browser = Browser.start()) {
      var d = browser.driver;
      WebDriverWait wait = new WebDriverWait(d, LIMIT);

      // A wrong password stays on the login page with a message.
      d.get(urlA);
      login(d, "wrong");
      // The refusal comes after a pause: wait for it rather than read the old page.
      assertTrue(
          wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-error")))
              .getText()
              .contains("Wrong"));
      browser.console(); // the 401 of that answer is logged: the checks below start after it
      login(d, PASSWORD);
      wait.until(ExpectedConditions.titleContains("Inbox"));
      browser.screenshot("01-a-inbox-after-login");

      String alice = createIdentity(d, wait, urlA, "alice");
      assertTrue(d.findElement(By.cssSelector("figure svg.qr")).isDisplayed());
      browser.screenshot("02-a-identity-with-qr");

      d.get(urlB);
      login(d, PASSWORD);
      wait.until(ExpectedConditions.titleContains("Inbox"));
      String bob = createIdentity(d, wait, urlB, "bob");
      // B's inbox stays open in this tab: the message must appear there live.
      d.get(urlB + "inbox");
      d.executeScript("window.sameDocument = true;");
      String tabB = d.getWindowHandle();
      d.switchTo().newWindow(WindowType.TAB);

      d.get(urlA + "compose");
      new Select(d.findElement(By.id("from"))).selectByValue(alice);
      d.findElement(By.id("to")).sendKeys(bob);
      d.findElement(By.id("subject")).sendKeys("Hello <i>Bob</i>");
      d.findElement(By.id("body")).sendKeys(BODY);
      WebElement ttl = d.findElement(By.id("ttl"));
      ttl.clear();
      ttl.sendKeys("2");
      browser.screenshot("03-a-compose");
      held.arm();
      d.findElement(By.id("send")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("send-status")));
      String sentPage = d.getCurrentUrl();
      // Live: the status and progress are swapped in by the event stream, the page never reloads.
      d.executeScript("window.sameDocument = true;");
      wait.until(
          ExpectedConditions.presenceOfElementLocated(
              By.cssSelector("#send-status .status[data-status='doingmsgpow']")));
      wait.until(
          ExpectedConditions.textMatches(
              By.cssSelector("#send-pow .rate"), Pattern.compile("trials/s")));
      long first = powTrials(d);
      wait.until(x -> powTrials(d) > first);
      browser.screenshot("04-a-sent-pow-progress");
      held.release();
      wait.until(
          ExpectedConditions.presenceOfElementLocated(
              By.cssSelector("#send-status .status[data-status='ackreceived']")));
      assertEquals(true, d.executeScript("return window.sameDocument === true;"));
      assertEquals(sentPage, d.getCurrentUrl());
      browser.screenshot("05-a-sent-ackreceived");

      d.switchTo().window(tabB);
      WebElement link =
          wait.until(
              ExpectedConditions.elementToBeClickable(By.partialLinkText("Hello <i>Bob</i>")));
      assertEquals(true, d.executeScript("return window.sameDocument === true;"), "no reload");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("unread-count"), "1"));
      browser.screenshot("06-b-inbox");
      link.click();
      WebElement body =
          wait.until(ExpectedConditions.presenceOfElementLocated(By.id("message-body")));
      assertEquals(BODY, body.getText());
      assertTrue(body.findElements(By.tagName("b")).isEmpty(), "HTML in a body stays text");
      assertTrue(body.findElements(By.tagName("img")).isEmpty(), "HTML in a body stays text");
      assertEquals(true, d.executeScript("return window.pwned === undefined;"));
      browser.screenshot("07-b-message-shown-as-text");

      // Read marks and the trash: opened means read; mark it unread, trash it, restore it.
      d.get(urlB + "inbox");
      assertTrue(d.findElements(By.cssSelector("tr.unread")).isEmpty(), "opened: read");
      d.findElement(By.partialLinkText("Hello <i>Bob</i>")).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[.='Mark as unread']")))
          .click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.unread")));
      d.findElement(By.partialLinkText("Hello <i>Bob</i>")).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[.='Move to trash']")))
          .click();
      wait.until(ExpectedConditions.titleContains("Inbox"));
      assertTrue(d.findElements(By.partialLinkText("Hello <i>Bob</i>")).isEmpty(), "trashed");
      d.get(urlB + "trash");
      d.findElement(By.xpath("//button[starts-with(., 'Restore')]")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "restored"));
      d.get(urlB + "inbox");
      assertEquals(1, d.findElements(By.partialLinkText("Hello <i>Bob</i>")).size(), "restored");

      assertCleanConsole(browser);

      // A page of another origin posts a form to A (the browser still holds A's session).
      HttpServer evil = startEvilSite(urlA);
      this.evil = evil;
      d.get("http://127.0.0.5:" + evil.getAddress().getPort() + "/");
      wait.until(ExpectedConditions.urlContains("/identities/random"));
      wait.until(x -> String.valueOf(x.getPageSource()).contains("cross-site request refused"));
      browser.screenshot("08-cross-site-post-refused");
      assertFalse(
          a.messenger().identities().stream().anyMatch(i -> i.label().equals("evil")),
          "the cross-site post made no identity");
    }
  }

  /**
   * Every page can be used without a mouse and read by a screen reader: every field has a label,
   * every table its header cells, the first Tab reaches the skip link, and a form can be sent from
   * the keyboard alone.
   */
  @Test
  void pagesAreLabelledAndWorkFromTheKeyboard() throws Exception {
    Node a = startLoneA();
    String url = a.webUrl().orElseThrow();
    try (Browser browser = Browser.start()) {
      var d = browser.driver;
      WebDriverWait wait = new WebDriverWait(d, LIMIT);
      d.get(url);
      // Log in with the keyboard alone: type, Tab, type, Enter.
      d.findElement(By.id("user")).sendKeys(USER + Keys.TAB + PASSWORD + Keys.ENTER);
      wait.until(ExpectedConditions.titleContains("Inbox"));
      createIdentity(d, wait, url, "keyboard");
      for (String page :
          List.of(
              "inbox",
              "sent",
              "trash",
              "compose",
              "identities",
              "contacts",
              "subscriptions",
              "senders",
              "network",
              "pow")) {
        d.get(url + page);
        Object unlabelled =
            d.executeScript(
                "return Array.from(document.querySelectorAll("
                    + "'input:not([type=hidden]), select, textarea'))"
                    + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))"
                    + ".map(e => e.name);");
        assertEquals(List.of(), unlabelled, page + ": fields without a label");
        Object headless =
            d.executeScript(
                "return Array.from(document.querySelectorAll('table'))"
                    + ".filter(t => !t.querySelector('th')).length;");
        assertEquals(0L, headless, page + ": tables without header cells");
        assertEquals(1L, d.executeScript("return document.querySelectorAll('main h1').length;"));
        d.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertEquals("skip", d.switchTo().activeElement().getAttribute("class"), page);
      }
      browser.screenshot("09-keyboard-pow-page");
      List<String> console = browser.console();
      assertTrue(
          console.stream().noneMatch(l -> l.contains("Content Security Policy")),
          "no CSP violation: " + console);
      assertTrue(console.stream().noneMatch(l -> l.startsWith("SEVERE")), "no errors: " + console);
    }
  }

  @Test
  void postWithoutTheCsrfTokenIsRefused() throws Exception {
    Node a = startLoneA();
    String url = a.webUrl().orElseThrow();
    String origin = url.substring(0, url.length() - 1);
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> login =
        http.send(
            form(url + "login", origin, "", "user=" + USER + "&password=" + PASSWORD),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(303, login.statusCode());
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
    String session = cookie.substring(0, cookie.indexOf(';'));
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "identities"))
                .header("Cookie", session)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertFalse(csp.contains("unsafe-inline"), csp);

    HttpResponse<String> noToken =
        http.send(
            form(url + "identities/random", origin, session, "label=x"),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, noToken.statusCode());
    HttpResponse<String> wrongToken =
        http.send(
            form(url + "identities/random", origin, session, "label=x&csrf=nope"),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, wrongToken.statusCode());
    HttpResponse<String> otherOrigin =
        http.send(
            form(url + "identities/random", "http://127.0.0.5:1", session, "label=x"),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, otherOrigin.statusCode());
    assertTrue(a.messenger().identities().isEmpty());

    String token = csrf(page.body());
    HttpResponse<String> ok =
        http.send(
            form(url + "identities/random", origin, session, "label=x&csrf=" + token),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(303, ok.statusCode());
    assertEquals(1, a.messenger().identities().size());

    // Bad input: a clear message on the page, the node stays up.
    String from = a.messenger().text(a.messenger().identities().get(0));
    HttpResponse<String> badTo =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "compose"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin)
                .header("Referer", url + "compose")
                .header("Cookie", session)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "csrf=" + token + "&from=" + from + "&to=BM-nonsense&subject=s&body=b"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(303, badTo.statusCode());
    assertEquals("/compose", badTo.headers().firstValue("Location").orElseThrow());
    String shown = get(http, url + "compose", session).body();
    assertTrue(shown.contains("class=\"flash error\" role=\"alert\""), shown);
    assertTrue(shown.contains("BM-nonsense"), shown);
    assertEquals(400, get(http, url + "message?id=zz", session).statusCode());
    assertEquals(404, get(http, url + "message?id=00", session).statusCode());
    assertEquals(404, get(http, url + "no-such-page", session).statusCode());
    assertEquals(400, get(http, url + "sent/item?id=x", session).statusCode());
    HttpResponse<String> huge =
        http.send(
            form(
                url + "compose", origin, session, "csrf=" + token + "&body=" + "x".repeat(3 << 20)),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(413, huge.statusCode());
    assertEquals(200, get(http, url + "inbox", session).statusCode(), "still serving");
  }

  /** The trials the page's progress bar shows now (read in one go: the bar is swapped live). */
  private static long powTrials(org.openqa.selenium.JavascriptExecutor d) {
    Object v =
        d.executeScript(
            "var p = document.querySelector('#send-pow progress'); return p ? Number(p.dataset.trials) : -1;");
    return ((Number) Objects.requireNonNull(v)).longValue();
  }

  /** No page broke its Content-Security-Policy or logged an error (htmx, SSE, swaps included). */
  private static void assertCleanConsole(Browser browser) {
    List<String> console = browser.console();
    assertTrue(
        console.stream().noneMatch(l -> l.contains("Content Security Policy")),
        "no CSP violation: " + console);
    assertTrue(console.stream().noneMatch(l -> l.startsWith("SEVERE")), "no errors: " + console);
  }

  private static HttpResponse<String> get(HttpClient http, String url, String cookie)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String csrf(String html) {
    String marker = "name=\"csrf\" value=\"";
    int at = html.indexOf(marker) + marker.length();
    return html.substring(at, html.indexOf('"', at));
  }

  private static HttpRequest form(String url, String origin, String cookie, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Origin", origin)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (!cookie.isEmpty()) {
      b.header("Cookie", cookie);
    }
    return b.build();
  }

  private static void login(org.openqa.selenium.WebDriver d, String password) {
    d.findElement(By.id("user")).clear();
    d.findElement(By.id("user")).sendKeys(USER);
    d.findElement(By.id("password")).sendKeys(password);
    d.findElement(By.cssSelector("form button[type=submit]")).click();
  }

  private static String createIdentity(
      org.openqa.selenium.WebDriver d, WebDriverWait wait, String url, String label) {
    d.get(url + "identities");
    d.findElement(By.id("random-label")).sendKeys(label);
    d.findElement(By.id("create-random")).click();
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.id("address"))).getText();
  }

  /** Another origin's page whose form posts itself to A at once, as an attacker's page would. */
  private static HttpServer startEvilSite(String target) throws Exception {
    HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.5", 0), 4);
    byte[] page =
        ("<!doctype html><html><body><form id=f method=post action=\""
                + target
                + "identities/random\"><input name=label value=evil>"
                + "<input name=csrf value=guess></form>"
                + "<script>document.getElementById('f').submit()</script></body></html>")
            .getBytes(StandardCharsets.UTF_8);
    evil.createContext(
        "/",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          ex.sendResponseHeaders(200, page.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(page);
          }
        });
    evil.start();
    return evil;
  }
}
