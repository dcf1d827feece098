package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.pow.testing.EasedPowRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bm demo} in-process: two nodes with their APIs, message with ack, broadcast and chan, exit
 * status 0. PoW runs in the nodes (the PoW service is another module) with eased targets; a timeout
 * guards against a hang.
 */
@NetworkTest
class NodeDemoCommandIT {
  @TempDir Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void demoRunsToTheEnd() {
    CommandRunner.Result r =
        CommandRunner.run(
            new EasedPowRules(10), "demo", "--dir", dir.toString(), "--launcher", "none");
    assertEquals(0, r.exit(), r.out() + r.err());
    String out = r.out();
    assertTrue(out.contains("ackreceived"), out);
    assertTrue(out.contains("\"Hello Bob\""), out);
    assertTrue(out.contains("B inbox: \"News from alice\""), out);
    assertTrue(out.contains("A inbox: \"Hello chan\""), out);
    assertTrue(out.contains("./bm node --data " + dir.resolve("node-a")), out);
    assertTrue(Files.isRegularFile(dir.resolve("node-b").resolve("node.db")));
    assertTrue(Files.isRegularFile(dir.resolve("node-b").resolve("api.conf")));
  }
}
