package dev.bitmsg.node.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.bitmsg.node.address.AddressException;
import dev.bitmsg.node.api.ApiPorts;
import dev.bitmsg.node.pow.PowTiming;
import dev.bitmsg.pow.SuppressForbidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web interface's HTTP(S) endpoint. Every request passes, in order: the {@code Host} check
 * ({@link RequestGuard}); {@code /static/} files; the login (the API's user and password, compared
 * in constant time, a failure answered after a pause); the session cookie ({@code HttpOnly}, {@code
 * SameSite=Strict}, {@code Secure} over TLS); for a POST the same-origin check and the session's
 * CSRF token, either failing with 403; then the page. A page's refusal of bad input ({@link
 * Form.BadRequest}, {@link IllegalArgumentException}) becomes a notice on the page the form was on;
 * the process stays up. Every answer carries a Content-Security-Policy without inline scripts or
 * styles. Thread-safe.
 */
@SuppressForbidden(
    "com.sun.net.httpserver is the JDK's supported, exported HTTP server (jdk.httpserver)")
public final class WebServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);
  static final int MAX_BODY = 2 << 20;
  private static final long DRAIN_LIMIT = 16L << 20;
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  private static final long LOGIN_FAILURE_PAUSE_MS = 1000;

  private final WebSettings settings;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Sessions sessions;
  private final RequestGuard guard;
  private final StaticAssets assets = new StaticAssets();
  private final Routes routes = new Routes();
  private final View view;
  private final LiveUpdates live;
  private final byte[] user;
  private final byte[] password;
  private final String cookieName;

  private WebServer(WebSettings settings, ApiPorts ports, PowTiming powTiming, Clock clock)
      throws IOException {
    this.settings = settings;
    this.sessions = new Sessions(clock);
    this.user = settings.user().getBytes(StandardCharsets.UTF_8);
    this.password = settings.password().getBytes(StandardCharsets.UTF_8);
    this.guard = new RequestGuard(settings.host(), settings.allowRemote() || settings.secure());
    this.view = new View(new Templates(), () -> MailPages.unread(ports));
    this.server = bind(settings);
    // Cookies are not kept apart by port: two nodes on one host must not share a cookie.
    this.cookieName = "bitmsg_session_" + server.getAddress().getPort();
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            LiveUpdates.MAX_CLIENTS + 8,
            r -> {
              Thread t = new Thread(r, "bitmsg-web-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.live = new LiveUpdates(ports, view);
    MailPages.register(routes, ports, view);
    IdentityPages.register(routes, ports, view);
    ListPages.register(routes, ports, view);
    RecentSolves solves = new RecentSolves(clock);
    powTiming.addListener(solves::add);
    StatusPages.register(routes, ports, view, solves);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /**
   * Binds and starts serving.
   *
   * @param powTiming the node's PoW timing, whose solves the PoW page lists
   */
  public static WebServer start(
      WebSettings settings, ApiPorts ports, PowTiming powTiming, Clock clock) throws IOException {
    WebServer s = new WebServer(settings, ports, powTiming, clock);
    s.live.start();
    s.server.start();
    log.info("web interface serving url={}", s.url());
    return s;
  }

  private static HttpServer bind(WebSettings settings) throws IOException {
    InetSocketAddress at = new InetSocketAddress(settings.host(), settings.port());
    if (settings.tls().isEmpty()) {
      return HttpServer.create(at, 32);
    }
    HttpsServer https = HttpsServer.create(at, 32);
    https.setHttpsConfigurator(new HttpsConfigurator(sslContext(settings.tls().get())));
    return https;
  }

  private static SSLContext sslContext(WebSettings.Tls tls) throws IOException {
    try (InputStream in = Files.newInputStream(tls.keyStore())) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, tls.password().toCharArray());
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, tls.password().toCharArray());
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot use the web TLS key store " + tls.keyStore() + ": " + e, e);
    }
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The address to open in a browser. */
  public String url() {
    InetSocketAddress a = address();
    String host = a.getHostString();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return (settings.secure() ? "https" : "http") + "://" + host + ":" + a.getPort() + "/";
  }

  private void handle(HttpExchange ex) {
    try (ex) {
      serve(ex);
    } catch (IOException | RuntimeException e) {
      log.debug("web request failed path={} cause={}", ex.getRequestURI().getPath(), e.toString());
    }
  }

  private void serve(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getPath();
    String host = ex.getRequestHeaders().getFirst("Host");
    if (!guard.hostAllowed(host)) {
      send(ex, WebResponse.text(421, "this server does not answer to that host name\n"));
      return;
    }
    if (!method.equals("GET") && !method.equals("POST")) {
      ex.getResponseHeaders().set("Allow", "GET, POST");
      send(ex, WebResponse.text(405, "GET and POST only\n"));
      return;
    }
    if (method.equals("GET") && path.startsWith("/static/")) {
      serveAsset(ex, path.substring("/static/".length()));
      return;
    }
    if (method.equals("POST") && !sameOrigin(ex, host)) {
      log.warn(
          "web post refused path={} remote={} reason=cross-site origin={}",
          path,
          ex.getRemoteAddress(),
          ex.getRequestHeaders().getFirst("Origin"));
      send(ex, WebResponse.text(403, "cross-site request refused\n"));
      return;
    }
    Form form = method.equals("POST") ? readForm(ex) : Form.empty();
    if (form == null) {
      send(ex, WebResponse.text(413, "request larger than " + MAX_BODY + " bytes\n"));
      return;
    }
    if (path.equals("/login")) {
      send(ex, method.equals("POST") ? login(form) : loginPage("", 200));
      return;
    }
    Optional<Sessions.Session> session = cookie(ex).flatMap(sessions::find);
    if (session.isEmpty()) {
      send(ex, WebResponse.redirect("/login"));
      return;
    }
    Sessions.Session s = session.get();
    if (method.equals("POST")) {
      String token = form.get("csrf").orElse(ex.getRequestHeaders().getFirst("X-CSRF-Token"));
      if (token == null || !s.csrfMatches(token)) {
        log.warn("web post refused path={} reason=missing or wrong CSRF token", path);
        send(ex, WebResponse.text(403, "missing or wrong CSRF token: reload the page\n"));
        return;
      }
      if (path.equals("/logout")) {
        sessions.end(s.id());
        ex.getResponseHeaders().add("Set-Cookie", cookieName + "=; Path=/; Max-Age=0");
        send(ex, WebResponse.redirect("/login"));
        return;
      }
    }
    if (method.equals("GET") && path.equals("/events")) {
      headers(ex.getResponseHeaders());
      live.stream(ex);
      return;
    }
    if (path.equals("/")) {
      send(ex, WebResponse.redirect("/inbox"));
      return;
    }
    Optional<Page> page = routes.find(method, path);
    if (page.isEmpty()) {
      send(ex, WebResponse.text(routes.knows(path) ? 405 : 404, "not found\n"));
      return;
    }
    WebRequest request =
        new WebRequest(path, Form.parse(ex.getRequestURI().getRawQuery()), form, s);
    send(ex, run(page.get(), request, method, ex));
  }

  private WebResponse run(Page page, WebRequest request, String method, HttpExchange ex) {
    try {
      return page.handle(request);
    } catch (Form.BadRequest | IllegalArgumentException | AddressException e) {
      if (method.equals("GET")) {
        return WebResponse.text(400, e.getMessage() + "\n");
      }
      request.session().flash(String.valueOf(e.getMessage()), true);
      return WebResponse.redirect(back(ex, request.path()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return WebResponse.text(503, "interrupted\n");
    } catch (Exception e) {
      log.warn("web page failed path={}", request.path(), e);
      return WebResponse.text(500, "internal error: " + e + "\n");
    }
  }

  /** The same-origin page a refused form was on (the Referer's path), else the form's path. */
  private static String back(HttpExchange ex, String fallback) {
    String referer = ex.getRequestHeaders().getFirst("Referer");
    if (referer != null) {
      try {
        URI u = new URI(referer);
        String p = u.getRawPath();
        if (p != null && p.startsWith("/") && !p.startsWith("//")) {
          return u.getRawQuery() == null ? p : p + "?" + u.getRawQuery();
        }
      } catch (java.net.URISyntaxException e) {
        // fall back below
      }
    }
    return fallback;
  }

  private boolean sameOrigin(HttpExchange ex, @Nullable String host) {
    Headers h = ex.getRequestHeaders();
    return host != null
        && RequestGuard.sameOrigin(host, h.getFirst("Origin"), h.getFirst("Referer"));
  }

  private WebResponse login(Form form) {
    boolean userOk =
        MessageDigest.isEqual(form.text("user").getBytes(StandardCharsets.UTF_8), user);
    boolean passwordOk =
        MessageDigest.isEqual(
            form.get("password").orElse("").getBytes(StandardCharsets.UTF_8), password);
    if (!(userOk && passwordOk)) {
      log.warn("web login refused reason=wrong user or password");
      try {
        Thread.sleep(LOGIN_FAILURE_PAUSE_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return loginPage("Wrong user name or password.", 401);
    }
    Sessions.Session s = sessions.create();
    log.info("web login session started");
    String cookie =
        cookieName
            + "="
            + s.id()
            + "; Path=/; HttpOnly; SameSite=Strict"
            + (settings.secure() ? "; Secure" : "");
    return WebResponse.redirect("/inbox").withCookie(cookie);
  }

  private WebResponse loginPage(String error, int status) {
    return WebResponse.html(
        status,
        view.templates().render("login", error.isEmpty() ? Map.of() : Map.of("error", error)));
  }

  private Optional<String> cookie(HttpExchange ex) {
    for (String header : ex.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
      for (String part : header.split(";", -1)) {
        String p = part.strip();
        if (p.startsWith(cookieName + "=")) {
          return Optional.of(p.substring(cookieName.length() + 1));
        }
      }
    }
    return Optional.empty();
  }

  private void serveAsset(HttpExchange ex, String name) throws IOException {
    Optional<StaticAssets.Asset> a = assets.find(name);
    if (a.isEmpty()) {
      send(ex, WebResponse.text(404, "not found\n"));
      return;
    }
    headers(ex.getResponseHeaders());
    ex.getResponseHeaders().set("Cache-Control", "max-age=3600");
    ex.getResponseHeaders().set("Content-Type", a.get().type());
    ex.sendResponseHeaders(200, a.get().body().length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(a.get().body());
    }
  }

  private static @Nullable Form readForm(HttpExchange ex) throws IOException {
    InputStream in = ex.getRequestBody();
    byte[] body = in.readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      // Read the rest (up to a bound) so that the client gets the 413 rather than a reset.
      long left = DRAIN_LIMIT;
      byte[] sink = new byte[64 << 10];
      int n;
      while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
        left -= n;
      }
      return null;
    }
    try {
      return Form.parse(new String(body, StandardCharsets.UTF_8));
    } catch (Form.BadRequest e) {
      return Form.empty();
    }
  }

  /** The security headers of every answer. */
  private static void headers(Headers h) {
    h.set("Content-Security-Policy", CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "same-origin");
    h.set("Cache-Control", "no-store");
  }

  private static void send(HttpExchange ex, WebResponse r) throws IOException {
    Headers h = ex.getResponseHeaders();
    headers(h);
    h.set("Content-Type", r.contentType());
    if (r.location() != null) {
      h.set("Location", r.location());
    }
    if (r.setCookie() != null) {
      h.add("Set-Cookie", r.setCookie());
    }
    byte[] body = r.body();
    ex.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    live.close();
    server.stop(0);
    executor.shutdownNow();
  }
}
