package dev.bitmsg.settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * What the build recorded about itself (version and git commit, {@code "unknown"} when it was not
 * built from a git checkout) and the Java runtime in use: for {@code --version} and the build-info
 * metric. Immutable.
 *
 * @param version the project version
 * @param commit the git commit the build was made from, or {@code unknown}
 * @param jdk the running Java runtime: version and vendor
 */
public record BuildInfo(String version, String commit, String jdk) {
  private static final String RESOURCE = "/dev/bitmsg/settings/build.properties";

  /** Read once from the build's resource. */
  public static BuildInfo current() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BuildInfo(
        known(p.getProperty("version")),
        known(p.getProperty("commit")),
        System.getProperty("java.runtime.version", System.getProperty("java.version", "unknown"))
            + " ("
            + System.getProperty("java.vendor", "unknown vendor")
            + ")");
  }

  private static String known(@Nullable String v) {
    // An unfiltered placeholder or an empty value means the build did not know it.
    return v == null || v.isBlank() || v.startsWith("${") ? "unknown" : v.strip();
  }

  /** The {@code --version} text of {@code program}: version, commit, JDK, one per line. */
  public List<String> lines(String program) {
    return List.of("bitmsg " + program + " " + version, "commit " + commit, "JDK " + jdk);
  }
}
