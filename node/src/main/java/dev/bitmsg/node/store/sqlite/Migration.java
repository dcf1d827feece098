package dev.bitmsg.node.store.sqlite;

import java.util.List;

/**
 * One schema step: its version (1, 2, ... without gaps), a description and the DDL statements it
 * runs. Steps are additive: a later issue adds a new step, it never edits a released one.
 * Immutable.
 */
record Migration(int version, String description, List<String> statements) {
  Migration {
    if (version < 1) {
      throw new IllegalArgumentException("migration versions start at 1: " + version);
    }
    statements = List.copyOf(statements);
  }
}
