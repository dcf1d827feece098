package dev.bitmsg.node.app;

import dev.bitmsg.node.api.ApiClient;
import dev.bitmsg.node.api.ApiCredentials;
import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.messaging.MessagingSettings;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.NetworkParams;
import dev.bitmsg.node.net.PeerSettings;
import dev.bitmsg.node.web.WebSettings;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.pow.PowRules;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bm demo}: the main job in one command. Starts the PoW service as a child process ({@code
 * bm pow-service} on a free loopback port), two nodes on loopback with fresh SQLite data
 * directories and their client APIs, then through the API: creates addresses, sends A->B at the
 * network difficulty showing status changes and PoW progress live, shows B's inbox and A's ack, a
 * broadcast to a subscriber and a chan message. Prints where the data lives and how to keep the
 * nodes running. Not thread-safe (one run).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs two nodes and a PoW service on loopback and sends a message, a broadcast and a chan",
      "message between them at the network difficulty, showing progress live."
    })
public final class NodeDemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Where the data directories go (default: a new temp directory).")
  Path dir;

  @Option(
      names = "--launcher",
      paramLabel = "PATH",
      description =
          "The bm launcher used to start the PoW service (./bm passes itself); 'none' = PoW in the nodes.")
  String launcher;

  @Option(
      names = "--ttl",
      paramLabel = "SECONDS",
      defaultValue = "3600",
      description =
          "TTL of the demo messages (default: ${DEFAULT-VALUE}; longer TTLs demand more work).")
  long ttl;

  @Option(
      names = "--web",
      description =
          "Give both nodes their web interface, print where to follow the walkthrough in a"
              + " browser, and keep the nodes running at the end until Ctrl-C.")
  boolean web;

  private static final String STATUS_PAGE = "pow-service: status page on ";

  private final PowRules powRules;
  private final AtomicReference<String> powStatusPage = new AtomicReference<>();
  private final List<AutoCloseable> open = new ArrayList<>();

  /** The demo as {@code bm demo} runs it: the real network's PoW rules. */
  public NodeDemoCommand() {
    this(PowRules.NETWORK);
  }

  /** The demo with other PoW rules for its nodes (a test's eased rules; no option for it). */
  public NodeDemoCommand(PowRules powRules) {
    this.powRules = powRules;
  }

  @SuppressWarnings("NullAway.Init") // set first thing in call()
  private PrintWriter out;

  private long t0;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    t0 = System.nanoTime();
    Path root =
        dir != null
            ? dir
            : Files.createTempDirectory(
                "bitmsg-demo-"
                    + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.now())
                    + "-");
    Files.createDirectories(root);
    out.println(
        "bm demo: data in "
            + root
            + (powRules == PowRules.NETWORK ? "" : "  (PoW rules: " + powRules + ": test mode)"));
    try {
      return run(root);
    } finally {
      for (AutoCloseable c : open) {
        try {
          c.close();
        } catch (Exception e) {
          out.println("  (closing: " + e.getMessage() + ")");
        }
      }
    }
  }

  private void step(String text) {
    out.printf(Locale.ROOT, "%n[%5.1f s] %s%n", (System.nanoTime() - t0) / 1e9, text);
    out.flush();
  }

  private int run(Path root) throws Exception {
    Optional<HostPort> pow = Optional.empty();
    if (launcher != null && !launcher.equals("none")) {
      step("PoW service: starting " + launcher + " pow-service (OpenCL if present, else CPU)");
      pow = Optional.of(startPowService(root));
    } else {
      step("PoW service: not started (--launcher none); the nodes do their own PoW on the CPU");
    }
    PeerSettings peers =
        PeerSettings.defaults()
            .withIntervals(Duration.ofMillis(200), Duration.ofMillis(200))
            .withLoopbackAddrs(true);
    NetworkParams params =
        NetworkParams.mainnet(NodeMain.softwareVersion()).withoutBootstrapNodes();
    // Real network difficulty; a one-day pubkey TTL (valid on the network, less work than 28 days).
    MessagingSettings ms =
        new MessagingSettings(
            MessagingSettings.DEFAULT_MAX_DIFFICULTY,
            Duration.ofDays(365),
            Duration.ofSeconds(1),
            true,
            24 * 3600L,
            0,
            MessagingSettings.DEFAULT_TTL_SECONDS);

    step(
        "nodes: starting A and B on loopback (SQLite, no bootstrap, B dials A), each with its API");
    Path dirA = root.resolve("node-a");
    Path dirB = root.resolve("node-b");
    Node a = startNode(config(dirA, List.of(), pow, peers), params, ms);
    HostPort aAt = new HostPort("127.0.0.1", a.listenAddress().orElseThrow().getPort());
    Node b = startNode(config(dirB, List.of(aAt), pow, peers), params, ms);
    ApiClient ca = client(dirA);
    ApiClient cb = client(dirB);
    out.printf(
        Locale.ROOT,
        "  A: peers on %s, API %s%n  B: peers on 127.0.0.1:%d, API %s%n",
        aAt,
        ca.uri(),
        b.listenAddress().orElseThrow().getPort(),
        cb.uri());
    if (web) {
      printWeb(a, b, dirA, dirB);
    }
    waitFor("B connected to A", Duration.ofSeconds(30), () -> !a.peers().peers().isEmpty());

    step("addresses (createRandomAddress through the API; each publishes its pubkey with PoW)");
    String alice = ca.callText("createRandomAddress", ApiClient.b64("alice"));
    String bob = cb.callText("createRandomAddress", ApiClient.b64("bob"));
    out.println("  A: alice " + alice);
    out.println("  B: bob   " + bob);

    step("A -> B: sendMessage at the network difficulty (1000/1000), TTL " + ttl + " s");
    String ack =
        ca.callText(
            "sendMessage",
            bob,
            alice,
            ApiClient.b64("Hello Bob"),
            ApiClient.b64(
                "Sent by bm demo at "
                    + Instant.now()
                    + ".\nProof of work by "
                    + (pow.isPresent() ? "the PoW service." : "the node's CPU engine.")),
            2L,
            ttl);
    out.println("  ackData " + ack);
    if (web) {
      a.messenger()
          .outboxByAckData(Bytes.fromHex(ack))
          .ifPresent(
              e ->
                  out.println(
                      "  follow it live: "
                          + a.webUrl().orElseThrow()
                          + "sent/item?id="
                          + e.id()
                          + "  (then B's inbox: "
                          + b.webUrl().orElseThrow()
                          + "inbox)"));
      out.flush();
    }
    long sendStart = System.nanoTime();
    String last = SendWatcher.watch(ca, ack, SendWatcher.FINAL, Duration.ofMinutes(5), out, "  A ");
    double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
    if (!last.equals("ackreceived")) {
      out.println("demo failed: message ended in " + last);
      return 1;
    }
    List<Map<String, Object>> inbox =
        ClientCommands.list(cb.call("getAllInboxMessages"), "inboxMessages");
    out.println("  B inbox:");
    for (Map<String, Object> m : inbox) {
      out.printf(
          Locale.ROOT,
          "    from %s: \"%s\"%n      %s%n",
          m.get("fromAddress"),
          ApiClient.unb64(m.get("subject")),
          ApiClient.unb64(m.get("message")).replace("\n", "\n      "));
    }
    out.printf(Locale.ROOT, "  A: %s (queued -> ack in %.1f s)%n", last, sendSeconds);

    step("broadcast: B subscribes to alice, A broadcasts");
    cb.call("addSubscription", alice, ApiClient.b64("alice's news"));
    String back =
        ca.callText(
            "sendBroadcast",
            alice,
            ApiClient.b64("News from alice"),
            ApiClient.b64("Broadcast to every subscriber."),
            2L,
            ttl);
    SendWatcher.watch(ca, back, SendWatcher.FINAL, Duration.ofMinutes(5), out, "  A ");
    Map<String, Object> news = waitForInbox(cb, "News from alice");
    out.printf(
        Locale.ROOT,
        "  B inbox: \"%s\" from %s to %s%n",
        ApiClient.unb64(news.get("subject")),
        news.get("fromAddress"),
        news.get("toAddress"));

    step("chan: both join chan \"bm demo\", B posts to it");
    String chan = ca.callText("createChan", ApiClient.b64("bm demo"));
    cb.call("joinChan", ApiClient.b64("bm demo"), chan);
    out.println("  chan address " + chan);
    String chanAck =
        cb.callText(
            "sendMessage",
            chan,
            chan,
            ApiClient.b64("Hello chan"),
            ApiClient.b64("Everyone who knows the chan name reads this."),
            2L,
            ttl);
    SendWatcher.watch(cb, chanAck, SendWatcher.FINAL, Duration.ofMinutes(5), out, "  B ");
    Map<String, Object> chanMsg = waitForInbox(ca, "Hello chan");
    out.printf(
        Locale.ROOT,
        "  A inbox: \"%s\" from %s to %s%n",
        ApiClient.unb64(chanMsg.get("subject")),
        chanMsg.get("fromAddress"),
        chanMsg.get("toAddress"));

    step(String.format(Locale.ROOT, "done in %.1f s", (System.nanoTime() - t0) / 1e9));
    out.println(
        "  data: "
            + root.resolve("node-a")
            + " and "
            + root.resolve("node-b")
            + " (node.db, api.db, api.conf)");
    out.println("  keep the nodes running (stop with Ctrl-C):");
    String powOpt = pow.map(p -> " --pow-service " + p + " --pow-token demo").orElse("");
    if (pow.isPresent()) {
      out.println("    ./bm pow-service --listen " + pow.get());
    }
    out.printf(
        Locale.ROOT,
        "    ./bm node --data %s --listen %s --no-bootstrap --accept-local-addrs --api 127.0.0.1:%d%s%n",
        root.resolve("node-a"),
        aAt,
        a.apiAddress().orElseThrow().getPort(),
        powOpt);
    out.printf(
        Locale.ROOT,
        "    ./bm node --data %s --listen 127.0.0.1:%d --connect %s --no-bootstrap --accept-local-addrs"
            + " --api 127.0.0.1:%d%s%n",
        root.resolve("node-b"),
        b.listenAddress().orElseThrow().getPort(),
        aAt,
        b.apiAddress().orElseThrow().getPort(),
        powOpt);
    out.println("  then e.g.: ./bm inbox --data " + root.resolve("node-b"));
    out.flush();
    if (web) {
      keepRunning(a, b);
    }
    return 0;
  }

  /**
   * Where to follow the walkthrough in a browser and how to log in; on a terminal, waits for Enter
   * so that the pages are open before anything happens.
   */
  private void printWeb(Node a, Node b, Path dirA, Path dirB) throws IOException {
    out.println(
        "  web: A "
            + a.webUrl().orElseThrow()
            + " (user demo, password "
            + apiPassword(dirA)
            + ")");
    out.println(
        "  web: B "
            + b.webUrl().orElseThrow()
            + " (user demo, password "
            + apiPassword(dirB)
            + ")");
    out.println("  web: A's Sent page and B's Inbox update live as the walkthrough goes on");
    out.flush();
    if (System.console() != null) {
      out.print("  web: log in on both, then press Enter to start the walkthrough ");
      out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
  }

  private static String apiPassword(Path dir) {
    return ApiCredentials.read(dir).flatMap(ApiCredentials.Connection::password).orElseThrow();
  }

  /** Keeps the nodes and their web interfaces up until the process is stopped (Ctrl-C). */
  private void keepRunning(Node a, Node b) throws InterruptedException {
    out.println();
    out.println(
        "web interfaces stay up: A "
            + a.webUrl().orElseThrow()
            + "  B "
            + b.webUrl().orElseThrow()
            + "  (Ctrl-C stops the demo)");
    if (powStatusPage.get() != null) {
      out.println("PoW service status page: " + powStatusPage.get());
    }
    out.flush();
    CountDownLatch stop = new CountDownLatch(1);
    Thread main = Thread.currentThread();
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                main.join(10_000); // the nodes close in call()'s finally
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "bitmsg-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stop.await();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook is running
      }
    }
  }

  private static NodeConfig config(
      Path data, List<HostPort> connect, Optional<HostPort> pow, PeerSettings peers) {
    return new NodeConfig(
        data,
        Optional.of(new HostPort("127.0.0.1", 0)),
        connect,
        false,
        pow.map(p -> new NodeConfig.PowService(p, "demo")),
        peers,
        Duration.ofMinutes(10));
  }

  /** A node with its client API on a free loopback port (user "demo", the stored password). */
  private Node startNode(NodeConfig config, NetworkParams params, MessagingSettings ms)
      throws IOException, InterruptedException {
    ApiSettings api =
        new ApiSettings(
            "127.0.0.1",
            0,
            "demo",
            ApiCredentials.storedOrNewPassword(config.dataDir()),
            ApiSettings.Variant.XML,
            false);
    NodeSetup setup = NodeSetup.of(config, params, powRules).withMessaging(ms).withApi(api);
    if (web) {
      setup = setup.withWeb(WebSettings.of("127.0.0.1", 0, api));
    }
    Node n = NodeAssembly.start(setup);
    open.add(0, n);
    ApiCredentials.write(
        config.dataDir(),
        new ApiCredentials.Connection(
            "http://127.0.0.1:" + n.apiAddress().orElseThrow().getPort() + "/",
            api.user(),
            Optional.of(api.password()),
            api.variant()));
    return n;
  }

  /** A client of the API of the node in {@code data}, found as the CLI finds it. */
  private static ApiClient client(Path data) {
    ApiCredentials.Connection conn = ApiCredentials.read(data).orElseThrow();
    return new ApiClient(
        URI.create(conn.url()), conn.user(), conn.password().orElseThrow(), conn.variant());
  }

  @FunctionalInterface
  private interface Check {
    boolean ok() throws Exception;
  }

  private static void waitFor(String what, Duration limit, Check check) throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    while (!check.ok()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("demo: timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  private static Map<String, Object> waitForInbox(ApiClient c, String subject) throws Exception {
    AtomicReference<Map<String, Object>> found = new AtomicReference<>();
    waitFor(
        "'" + subject + "' in the inbox",
        Duration.ofMinutes(2),
        () -> {
          for (Map<String, Object> m :
              ClientCommands.list(c.call("getAllInboxMessages"), "inboxMessages")) {
            if (ApiClient.unb64(m.get("subject")).equals(subject)) {
              found.set(m);
              return true;
            }
          }
          return false;
        });
    return Objects.requireNonNull(found.get());
  }

  private HostPort startPowService(Path root) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path log = root.resolve("pow-service.log");
    List<String> command =
        new ArrayList<>(List.of(launcher, "pow-service", "--listen", "127.0.0.1:" + port));
    if (web) {
      command.addAll(List.of("--status-http", "127.0.0.1:0")); // its read-only status page
    }
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Process p = pb.start();
    open.add(
        0,
        () -> {
          p.destroy();
          if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
          }
        });
    CountDownLatch ready = new CountDownLatch(1);
    AtomicReference<String> failure = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                      new BufferedReader(
                          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                  var w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                  w.write(line);
                  w.newLine();
                  w.flush();
                  if (line.startsWith("pow-service: engine ")
                      || line.contains("passed the self-test")
                      || line.startsWith("pow-service: serving")
                      || line.startsWith(STATUS_PAGE)) {
                    out.println("  " + line);
                    out.flush();
                  }
                  if (line.startsWith(STATUS_PAGE)) {
                    powStatusPage.set(line.substring(STATUS_PAGE.length()).strip());
                  }
                  if (line.contains("health SERVING")) {
                    ready.countDown();
                  } else if (line.contains("NOT_SERVING") || line.contains("no usable engine")) {
                    failure.set(line);
                    ready.countDown();
                  }
                }
              } catch (IOException e) {
                failure.compareAndSet(null, e.toString());
              }
              failure.compareAndSet(null, "pow-service exited");
              ready.countDown();
            },
            "demo-pow-service-output");
    reader.setDaemon(true);
    reader.start();
    if (!ready.await(5, TimeUnit.MINUTES) || (failure.get() != null && !p.isAlive())) {
      throw new IllegalStateException(
          "the PoW service did not start: " + failure.get() + " (see " + log + ")");
    }
    if (failure.get() != null) {
      throw new IllegalStateException(
          "the PoW service is not serving: " + failure.get() + " (see " + log + ")");
    }
    out.printf(Locale.ROOT, "  ready on 127.0.0.1:%d (log %s)%n", port, log);
    return new HostPort("127.0.0.1", port);
  }
}
