package dev.bitmsg.node.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeSetup;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.testing.Python;
import dev.bitmsg.node.testing.TestNetwork;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The example Python client (examples/python/node_events.py) follows a node's push stream. */
class PythonEventsClientIT {
  static final Path EXAMPLES = Path.of("..", "examples", "python").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void pythonClientSeesTheInboxMessage() throws Exception {
    Python.require("grpc");
    Path stubs = dir.resolve("stubs");
    Process gen =
        new ProcessBuilder(
                "bash", EXAMPLES.resolve("generate_stubs.sh").toString(), stubs.toString())
            .redirectErrorStream(true)
            .start();
    String genOut = new String(gen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, gen.waitFor(), genOut);

    NodeSetup setup =
        TestNetwork.setup(dir.resolve("n"), 0, List.of())
            .withApi(new ApiSettings("127.0.0.1", 0, "u", "pw", ApiSettings.Variant.XML, false))
            .withEvents(new HostPort("127.0.0.1", 0));
    try (Node node = NodeAssembly.start(setup)) {
      ProcessBuilder pb =
          new ProcessBuilder(
                  Python.PYTHON.toString(),
                  EXAMPLES.resolve("node_events.py").toString(),
                  "--server",
                  "127.0.0.1:" + node.eventsPort().orElseThrow(),
                  "--user",
                  "u",
                  "--password",
                  "pw",
                  "--inbox",
                  "--max-events",
                  "2")
              .redirectErrorStream(true);
      pb.environment().put("STUBS", stubs.toString());
      Process p = pb.start();
      List<String> lines = new ArrayList<>();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String hello = r.readLine();
        lines.add(hello);
        assertTrue(hello != null && hello.contains("\"hello\""), String.valueOf(hello));
        String me = node.messenger().text(node.messenger().createRandom("me"));
        node.messenger().send(me, me, "for python", "body", 3600);
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      }
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), String.join("\n", lines));
      assertEquals(2, lines.size(), String.join("\n", lines));
      assertTrue(
          lines.get(1).contains("\"inboxMessage\"") && lines.get(1).contains("for python"),
          lines.get(1));
    }
  }
}
