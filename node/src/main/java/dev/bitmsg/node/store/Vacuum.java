package dev.bitmsg.node.store;

/**
 * Gives the space of deleted rows back to the file system (SQLite's {@code VACUUM}): what the
 * client API's {@code deleteAndVacuum} asks of the node's database. Implementations block other
 * statements of their database while it runs.
 */
@FunctionalInterface
public interface Vacuum {
  void vacuum();
}
