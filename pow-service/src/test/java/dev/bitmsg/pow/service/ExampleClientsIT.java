package dev.bitmsg.pow.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.ScanSlice;
import dev.bitmsg.pow.service.auth.TokensFile;
import dev.bitmsg.pow.service.testing.RecordingScanner;
import dev.bitmsg.pow.service.testing.TestServer;
import dev.bitmsg.vectors.VectorFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python and Node example clients against a real server on an ephemeral 127.0.0.1 port, run as
 * subprocesses: each solves an object with SolveObject and validates it (Validate and locally), and
 * each is refused with a wrong token. {@code ./bm test} installs what they need (python3-grpcio,
 * {@code npm ci}).
 */
class ExampleClientsIT {
  private static final String TOKEN = "example-clients-token-0123456789";
  private static TestServer server;
  private static Path root;

  @BeforeAll
  static void start() throws Exception {
    root = VectorFile.dir().toAbsolutePath().resolve("../..").normalize();
    server =
        TestServer.loopback(
            TestServer.config(),
            Optional.of(TokensFile.parse(List.of(TOKEN + " examples"), "tokens")),
            new RecordingScanner(0));
    server.awaitReady();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void pythonClient_solvesAndValidatesAnObject(@TempDir Path stubs) throws Exception {
    assertClientSucceeded(run(root.resolve("examples/python"), python(stubs, TOKEN)));
  }

  @Test
  void nodeClient_solvesAndValidatesAnObject() throws Exception {
    assertClientSucceeded(run(root.resolve("examples/node"), node(TOKEN)));
  }

  @Test
  void clients_wrongToken_failWithUnauthenticated(@TempDir Path stubs) throws Exception {
    String wrong = "wrong-token-0123456789";
    List<List<ScanSlice>> before = server.scanner.batches();
    Result py = run(root.resolve("examples/python"), python(stubs, wrong));
    assertEquals(2, py.exit, py.output);
    assertTrue(py.output.contains("gRPC UNAUTHENTICATED"), py.output);
    Result js = run(root.resolve("examples/node"), node(wrong));
    assertEquals(2, js.exit, js.output);
    assertTrue(js.output.contains("gRPC 16"), js.output); // 16 = UNAUTHENTICATED
    assertEquals(before, server.scanner.batches(), "a refused client got work done");
  }

  /** The Python client's command line, with its stubs generated into {@code stubs} first. */
  private static List<String> python(Path stubs, String token) throws Exception {
    Path examples = root.resolve("examples/python");
    Result gen = run(examples, List.of("bash", "generate_stubs.sh", stubs.toString()));
    assertEquals(
        0,
        gen.exit,
        "generate_stubs.sh failed (./bm test installs python3-grpcio):\n" + gen.output);
    return List.of(
        "/usr/bin/python3",
        "solve_object.py",
        "--server",
        address(),
        "--token",
        token,
        "--stubs",
        stubs.toString());
  }

  /** The Node client's command line; {@code ./bm test} runs {@code npm ci} for it. */
  private static List<String> node(String token) {
    assertTrue(
        Files.isDirectory(root.resolve("examples/node/node_modules/@grpc/grpc-js")),
        "examples/node/node_modules is missing: run ./bm test (it runs npm ci there)");
    return List.of("node", "solve_object.js", "--server", address(), "--token", token);
  }

  private static void assertClientSucceeded(Result r) {
    assertEquals(0, r.exit, r.output);
    assertTrue(
        r.output.contains("\"valid_server\": true") || r.output.contains("\"valid_server\":true"),
        r.output);
    assertTrue(
        r.output.contains("\"valid_local\": true") || r.output.contains("\"valid_local\":true"),
        r.output);
  }

  private static String address() {
    return "127.0.0.1:" + server.server.port();
  }

  private record Result(int exit, String output) {}

  private static Result run(Path dir, List<String> command)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(new ArrayList<>(command))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not finish in 120 s");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.exitValue(), out);
  }
}
