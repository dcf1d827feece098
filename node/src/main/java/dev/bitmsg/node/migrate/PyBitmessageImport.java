package dev.bitmsg.node.migrate;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.KeysDat;
import dev.bitmsg.node.store.KnownNode;
import dev.bitmsg.node.store.SenderList;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Imports a PyBitmessage data directory into this node's stores: identities (keys.dat), mail and
 * address lists (messages.dat), known nodes (knownnodes.dat) and the sender-list mode ({@code
 * blackwhitelist}). What is already here is left alone, so a second run adds nothing; a dry run
 * only counts. The settings that have an equivalent are returned as {@link PySettings} for the
 * caller to write into the node's config. Not thread-safe; the node must not be running.
 */
public final class PyBitmessageImport {
  static final String KNOWN_NODES = "known nodes";
  static final String SETTINGS = "settings";
  static final String LEFT_ALONE = "left alone";

  private final KeysDat keysDat;
  private final AddressCodec codec;
  private final Clock clock;

  public PyBitmessageImport(KeysDat keysDat, AddressCodec codec, Clock clock) {
    this.keysDat = keysDat;
    this.codec = codec;
    this.clock = clock;
  }

  /** The outcome: the report and the settings to write. Immutable but for the report. */
  public record Result(ImportReport report, PySettings settings) {}

  /** Runs the import from {@code from} into {@code to}; with {@code dryRun} nothing is written. */
  public Result run(PyDataDir from, ImportTargets to, boolean dryRun) {
    long now = clock.instant().getEpochSecond();
    ImportReport report = new ImportReport();
    new IdentityImport(keysDat, codec, to, report).run(from.keys(), now, dryRun);
    PySettings settings = PySettings.of(from.keys().section(KeysDat.SETTINGS));
    if (from.messages().isPresent()) {
      MessagesDat dat = from.messages().get();
      new MailImport(to, report).run(dat, dryRun);
      new ListImport(codec, to, report).run(dat, now, dryRun);
      for (Map.Entry<String, Long> t : dat.otherTables().entrySet()) {
        if (t.getValue() > 0) {
          report.note(
              LEFT_ALONE,
              t.getKey()
                  + ": "
                  + t.getValue()
                  + " rows (objects and pubkeys come again from the network)");
        }
      }
    } else {
      report.note(LEFT_ALONE, PyDataDir.MESSAGES + ": not found");
    }
    settings.senderListMode().ifPresent(mode -> senderListMode(mode, to, report, dryRun));
    from.knownNodes().ifPresent(text -> knownNodes(text, to, report, dryRun));
    return new Result(report, settings);
  }

  private static void senderListMode(
      String mode, ImportTargets to, ImportReport report, boolean dryRun) {
    SenderList wanted = SenderList.parse(mode);
    if (to.senderLists().mode() == wanted) {
      report.note(SETTINGS, "blackwhitelist = " + mode + ": already the sender-list mode");
      return;
    }
    if (!dryRun) {
      to.senderLists().setMode(wanted);
    }
    report.note(SETTINGS, "blackwhitelist = " + mode + ": sender-list mode set");
  }

  private static void knownNodes(
      String text, ImportTargets to, ImportReport report, boolean dryRun) {
    report.expect(KNOWN_NODES);
    KnownNodesDat.Parsed parsed;
    try {
      parsed = KnownNodesDat.parse(text);
    } catch (IllegalArgumentException e) {
      report.skipped(KNOWN_NODES, PyDataDir.KNOWN_NODES + ": " + e.getMessage());
      return;
    }
    Set<String> known = new HashSet<>();
    to.knownNodes()
        .seenSince(1, Long.MIN_VALUE, Integer.MAX_VALUE)
        .forEach(n -> known.add(n.endpoint()));
    for (KnownNode n : parsed.nodes()) {
      if (!known.add(n.endpoint())) {
        report.present(KNOWN_NODES);
        continue;
      }
      if (!dryRun) {
        to.knownNodes().upsert(n);
      }
      report.added(KNOWN_NODES);
    }
    parsed.skipped().forEach(s -> report.skipped(KNOWN_NODES, s));
  }
}
