package dev.bitmsg.node.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import did, per kind of data: how many items it added, how many were there already (a
 * second run adds nothing), and each item it left out with the reason. Not thread-safe.
 */
public final class ImportReport {
  private final Map<String, Tally> tallies = new LinkedHashMap<>();

  /** The counts of one kind of data. */
  private static final class Tally {
    int added;
    int present;
    final List<String> skipped = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    boolean counted;
  }

  private Tally tally(String kind) {
    return tallies.computeIfAbsent(kind, k -> new Tally());
  }

  /** Declares a kind so that it is reported even when it had nothing. */
  public void expect(String kind) {
    tally(kind).counted = true;
  }

  public void added(String kind) {
    Tally t = tally(kind);
    t.counted = true;
    t.added++;
  }

  public void present(String kind) {
    Tally t = tally(kind);
    t.counted = true;
    t.present++;
  }

  public void skipped(String kind, String why) {
    Tally t = tally(kind);
    t.counted = true;
    t.skipped.add(why);
  }

  /** A line about a kind that is neither an addition nor a skip. */
  public void note(String kind, String text) {
    tally(kind).notes.add(text);
  }

  public int addedCount(String kind) {
    Tally t = tallies.get(kind);
    return t == null ? 0 : t.added;
  }

  public int presentCount(String kind) {
    Tally t = tallies.get(kind);
    return t == null ? 0 : t.present;
  }

  public List<String> skipped(String kind) {
    Tally t = tallies.get(kind);
    return t == null ? List.of() : List.copyOf(t.skipped);
  }

  /** Total additions over every kind. */
  public int totalAdded() {
    return tallies.values().stream().mapToInt(t -> t.added).sum();
  }

  /**
   * The report as text: one line per kind (its counts, or only its name for a kind that had notes
   * alone), then its notes and skipped items indented.
   */
  public String render(boolean dryRun) {
    StringBuilder sb = new StringBuilder();
    String verb = dryRun ? "would import" : "imported";
    tallies.forEach(
        (kind, t) -> {
          if (!t.counted) {
            sb.append(kind).append(":\n");
            t.notes.forEach(n -> sb.append("  ").append(n).append('\n'));
            return;
          }
          sb.append(kind).append(": ").append(t.added).append(' ').append(verb);
          if (t.present > 0) {
            sb.append(", ").append(t.present).append(" already here");
          }
          if (!t.skipped.isEmpty()) {
            sb.append(", ").append(t.skipped.size()).append(" skipped");
          }
          sb.append('\n');
          t.notes.forEach(n -> sb.append("  ").append(n).append('\n'));
          t.skipped.forEach(s -> sb.append("  skipped ").append(s).append('\n'));
        });
    return sb.toString();
  }
}
