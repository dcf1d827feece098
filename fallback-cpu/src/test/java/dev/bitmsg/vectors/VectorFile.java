package dev.bitmsg.vectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a vector file of {@code docs/vectors/}: blocks separated by blank lines, each with {@code #
 * title}, {@code # source:}, {@code # status:} comments and {@code key = value} lines (a key may
 * repeat inside a block). The directory comes from the {@code bitmsg.vectors} system property that
 * the build sets.
 */
public final class VectorFile {
  /** One block: its title and its key/value lines in file order. */
  public record Block(String title, String source, List<Map.Entry<String, String>> entries) {
    /** The single value of {@code key}; fails when absent or repeated. */
    public String get(String key) {
      List<String> all = all(key);
      if (all.size() != 1) {
        throw new IllegalArgumentException(
            "block '" + title + "' has " + all.size() + " values for " + key);
      }
      return all.get(0);
    }

    public boolean has(String key) {
      return !all(key).isEmpty();
    }

    public List<String> all(String key) {
      List<String> out = new ArrayList<>();
      for (Map.Entry<String, String> e : entries) {
        if (e.getKey().equals(key)) {
          out.add(e.getValue());
        }
      }
      return out;
    }

    public byte[] hex(String key) {
      return HexFormat.of().parseHex(get(key));
    }

    public long decimal(String key) {
      return Long.parseUnsignedLong(get(key));
    }

    @Override
    public String toString() {
      return title;
    }
  }

  private VectorFile() {}

  public static Path dir() {
    String dir = System.getProperty("bitmsg.vectors");
    if (dir == null) {
      throw new IllegalStateException("system property bitmsg.vectors is not set");
    }
    return Path.of(dir);
  }

  public static List<Block> read(String fileName) {
    List<String> lines;
    try {
      lines = Files.readAllLines(dir().resolve(fileName));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Block> blocks = new ArrayList<>();
    String title = null;
    String source = "";
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty()) {
        if (title != null && !entries.isEmpty()) {
          blocks.add(new Block(title, source, entries));
        }
        title = null;
        source = "";
        entries = new ArrayList<>();
      } else if (line.startsWith("#")) {
        String text = line.substring(1).strip();
        if (title == null) {
          title = text;
        } else if (text.startsWith("source:")) {
          source = text.substring("source:".length()).strip();
        }
      } else {
        int eq = line.indexOf(" = ");
        if (eq < 0) {
          throw new IllegalArgumentException(fileName + ": not a key = value line: " + line);
        }
        entries.add(Map.entry(line.substring(0, eq).strip(), line.substring(eq + 3).strip()));
      }
    }
    if (title != null && !entries.isEmpty()) {
      blocks.add(new Block(title, source, entries));
    }
    return blocks;
  }

  /** The first block whose title contains {@code titlePart}. */
  public static Block block(String fileName, String titlePart) {
    return read(fileName).stream()
        .filter(b -> b.title().contains(titlePart))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(fileName + ": no block " + titlePart));
  }

  /** Unmodifiable view of one block as a map (last value wins), handy for single-valued blocks. */
  public static Map<String, String> asMap(Block block) {
    Map<String, String> m = new LinkedHashMap<>();
    block.entries().forEach(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }
}
