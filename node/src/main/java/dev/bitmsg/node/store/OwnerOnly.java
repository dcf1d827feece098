package dev.bitmsg.node.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the node's data private to its user whatever the process umask: the data directory 0700,
 * the database files (with SQLite's {@code -wal} and {@code -shm}) and the client API's files 0600.
 * SQLite creates its {@code -wal} and {@code -shm} files with the mode of the database file, so a
 * database file made 0600 before SQLite first opens it keeps them 0600 too. Permissions wider than
 * these (a directory made by an older version, a copied file) are narrowed, with a log line. On a
 * file system without POSIX permissions nothing is changed. Stateless.
 */
public final class OwnerOnly {
  private static final Logger log = LoggerFactory.getLogger(OwnerOnly.class);
  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {}

  /** Creates {@code dir} (and missing parents) if needed and makes it 0700. */
  public static void directory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      if (posix(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
      } else {
        Files.createDirectories(dir);
      }
    }
    restrict(dir, DIRECTORY);
  }

  /**
   * Creates {@code file} empty if it does not exist, and makes it and its SQLite companions ({@code
   * -wal}, {@code -shm}, {@code -journal}, where present) 0600.
   */
  public static void databaseFile(Path file) throws IOException {
    if (!Files.exists(file) && posix(file)) {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
      } catch (FileAlreadyExistsException e) {
        // made meanwhile: only its mode is checked below
      }
    }
    restrict(file, FILE);
    for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
      restrict(file.resolveSibling(file.getFileName() + suffix), FILE);
    }
  }

  /** Makes an existing {@code file} 0600 (nothing when it does not exist). */
  public static void file(Path file) throws IOException {
    restrict(file, FILE);
  }

  private static void restrict(Path path, Set<PosixFilePermission> wanted) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (view == null || !Files.exists(path)) {
      return;
    }
    Set<PosixFilePermission> now = view.readAttributes().permissions();
    if (!now.equals(wanted)) {
      view.setPermissions(wanted);
      log.info(
          "permissions narrowed path={} from={} to={}",
          path,
          PosixFilePermissions.toString(now),
          PosixFilePermissions.toString(wanted));
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
