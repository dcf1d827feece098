package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every node config the project shows loads: {@code deploy/bitmsg.conf.example} and the {@code
 * properties} snippets of the READMEs that start with {@code # bitmsg.conf}, through the same
 * loader, checks and settings as {@code bm node}.
 */
class ExampleConfigsTest {
  @TempDir Path dir;

  static Path repository() {
    // the build sets bitmsg.vectors to <repository>/docs/vectors
    return Path.of(System.getProperty("bitmsg.vectors", "docs/vectors"))
        .toAbsolutePath()
        .resolve("../..")
        .normalize();
  }

  /** The fenced {@code properties} blocks of {@code markdown} whose first line is {@code title}. */
  static List<String> snippets(Path markdown, String title) throws Exception {
    List<String> blocks = new ArrayList<>();
    StringBuilder current = null;
    for (String line : Files.readAllLines(markdown, StandardCharsets.UTF_8)) {
      if (current == null && line.strip().equals("```properties")) {
        current = new StringBuilder();
      } else if (current != null && line.strip().equals("```")) {
        if (current.toString().startsWith(title)) {
          blocks.add(current.toString());
        }
        current = null;
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    return blocks;
  }

  private NodeCommand load(Path config) throws Exception {
    String[] args = {"node", "--config", config.toString(), "--data", dir.toString()};
    CommandLine cl = new CommandLine(new NodeMain());
    ConfigDefaults defaults = CliSettings.configure(cl, args, Map.of());
    CommandLine.ParseResult parsed = cl.parseArgs(args);
    CliSettings.checkAddresses(parsed, defaults);
    NodeCommand node = (NodeCommand) parsed.subcommand().commandSpec().userObject();
    node.config();
    node.messagingSettings();
    node.apiSettings();
    return node;
  }

  @Test
  void deployExample_loads() throws Exception {
    NodeCommand node = load(repository().resolve("deploy/bitmsg.conf.example"));
    assertEquals("127.0.0.1:8442", node.api);
    assertEquals("127.0.0.1:8447", node.events, "the comment after the value is not part of it");
    assertEquals("127.0.0.1:9464", node.metrics);
    assertEquals(8, node.maxOutbound);
  }

  @Test
  void readmeSnippets_load() throws Exception {
    int n = 0;
    for (String readme : List.of("README.md", "deploy/README.md")) {
      for (String snippet : snippets(repository().resolve(readme), "# bitmsg.conf")) {
        // files the snippet names (secrets) are made under the test's own /etc/bitmsg
        Path etc = Files.createDirectories(dir.resolve("etc-bitmsg-" + n));
        for (String name : List.of("pow-token", "api-password", "namecoin-password")) {
          Files.writeString(etc.resolve(name), "secret-" + name + "\n", StandardCharsets.UTF_8);
        }
        Path f = dir.resolve("snippet-" + n++ + ".conf");
        Files.writeString(f, snippet.replace("/etc/bitmsg/", etc + "/"), StandardCharsets.UTF_8);
        load(f);
      }
    }
    assertTrue(n >= 1, "the READMEs show a node config");
    assertFalse(Files.exists(dir.resolve("node.db")), "loading starts nothing");
  }
}
