package dev.bitmsg.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings loader: file syntax, comments, precedence of the environment, unknown keys. */
class SettingsTest {
  @TempDir Path dir;

  private Path file(String text) throws Exception {
    Path f = dir.resolve("x.conf");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void parse_keepsValuesDropsCommentsAndBlanks() throws Exception {
    List<SettingsEntry> e =
        SettingsFile.read(
            file(
                "# top\n\n  listen = 0.0.0.0:8444\nevents=127.0.0.1:8447    # push\n"
                    + "api-user = a#b\nweight = 2\t# tab comment\n"));
    assertEquals(4, e.size());
    assertEquals(new SettingsEntry("listen", "0.0.0.0:8444", dir.resolve("x.conf"), 3), e.get(0));
    assertEquals("127.0.0.1:8447", e.get(1).value());
    assertEquals(4, e.get(1).line());
    assertEquals("a#b", e.get(2).value());
    assertEquals("2", e.get(3).value());
  }

  @Test
  void parse_rejectsMalformedLinesNamingTheLine() throws Exception {
    assertMessage("x.conf:2: expected 'key = value'", "a = 1\nnot a setting\n");
    assertMessage("x.conf:1: sections", "[node]\n");
    assertMessage("x.conf:1: api has no value", "api =   # nothing\n");
    assertMessage("x.conf:3: a is set twice (first on line 1)", "a = 1\nb = 2\na = 3\n");
  }

  private void assertMessage(String expected, String text) throws Exception {
    Path f = file(text);
    SettingsException e = assertThrows(SettingsException.class, () -> SettingsFile.read(f));
    assertTrue(String.valueOf(e.getMessage()).contains(expected), e.getMessage());
    assertTrue(!String.valueOf(e.getMessage()).contains("\n"), "one line");
  }

  @Test
  void read_missingFileIsOneLine() {
    SettingsException e =
        assertThrows(SettingsException.class, () -> SettingsFile.read(dir.resolve("none.conf")));
    assertEquals("config file " + dir.resolve("none.conf") + " does not exist", e.getMessage());
  }

  @Test
  void lookup_environmentBeforeFileBeforeAlias() throws Exception {
    Path f = file("api-user = file\nackstealthlevel = 2\nmax-inbound = 5\n");
    Settings s = Settings.load(Optional.of(f), Map.of("BM_API_USER", " env "));
    assertEquals(new Settings.Value("env", "BM_API_USER"), s.lookup("api-user", List.of()).get());
    assertEquals(
        new Settings.Value("5", f + ":3"), s.lookup("max-inbound", List.of()).orElseThrow());
    assertEquals("2", s.lookup("ack-stealth-level", List.of("ackstealthlevel")).get().text());
    assertTrue(s.lookup("listen", List.of()).isEmpty());
    assertEquals("BM_MAX_JOB_SECONDS", Settings.envName("--max-job-seconds"));
  }

  @Test
  void requireKnown_namesTheLineAndSuggests() throws Exception {
    Settings s = Settings.load(Optional.of(file("listen = :1\nmax-outbund = 3\n")), Map.of());
    SettingsException e =
        assertThrows(
            SettingsException.class,
            () -> s.requireKnown(List.of("listen", "max-outbound", "max-inbound")));
    assertTrue(
        String.valueOf(e.getMessage()).contains("x.conf:2: unknown key max-outbund"),
        e.getMessage());
    assertTrue(
        String.valueOf(e.getMessage()).contains("did you mean max-outbound?"), e.getMessage());
  }

  @Test
  void hostPortSyntax() {
    assertEquals("", HostPortSyntax.problem("127.0.0.1:8444"));
    assertEquals("", HostPortSyntax.problem("[::1]:0"));
    assertEquals("", HostPortSyntax.problem(":9465"));
    assertTrue(HostPortSyntax.problem("127.0.0.1").contains("expected HOST:PORT"));
    assertTrue(HostPortSyntax.problem("::1:80").contains("brackets"));
    assertTrue(HostPortSyntax.problem("h:80x").contains("0..65535"));
    assertTrue(HostPortSyntax.problem("h:65536").contains("above 65535"));
    assertTrue(HostPortSyntax.problem("h:1 # c").contains("0..65535"));
  }

  @Test
  void secretFile_firstLineOrOneLineError() throws Exception {
    assertEquals("s3cret", SecretFile.read("api-password-file", file("  s3cret \nsecond\n")));
    Path empty = file("\n");
    SettingsException e =
        assertThrows(SettingsException.class, () -> SecretFile.read("pow-token-file", empty));
    assertTrue(String.valueOf(e.getMessage()).startsWith("pow-token-file: "), e.getMessage());
    SettingsException missing =
        assertThrows(
            SettingsException.class, () -> SecretFile.read("pow-token-file", dir.resolve("none")));
    assertTrue(String.valueOf(missing.getMessage()).contains("does not exist"));
  }

  @Test
  void buildInfo_hasVersionCommitAndJdk() {
    BuildInfo b = BuildInfo.current();
    assertTrue(b.commit().matches("[0-9a-f]{7,40}|unknown"), b.commit());
    assertTrue(!b.version().isEmpty());
    assertTrue(b.jdk().startsWith(String.valueOf(Runtime.version().feature())), b.jdk());
    assertEquals("bitmsg node " + b.version(), b.lines("node").get(0));
  }
}
