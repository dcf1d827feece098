package dev.bitmsg.node.migrate;

import dev.bitmsg.node.address.IniFile;
import java.util.Optional;

/**
 * A PyBitmessage data directory as read for an import: {@code keys.dat} (identities and settings),
 * {@code messages.dat} and the text of {@code knownnodes.dat} when present. Immutable (the reader
 * is only read).
 */
public record PyDataDir(IniFile keys, Optional<MessagesDat> messages, Optional<String> knownNodes) {
  public static final String KEYS = "keys.dat";
  public static final String MESSAGES = "messages.dat";
  public static final String KNOWN_NODES = "knownnodes.dat";

  /** PyBitmessage's single-instance lock file, held while it runs. */
  public static final String LOCK = "singleton.lock";
}
