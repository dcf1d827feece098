package dev.bitmsg.node.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock that says a node (or an import) works on a data directory: an exclusive lock on {@code
 * DATA/node.lock}, held while the node runs and released by the operating system when the process
 * ends, also on kill -9. {@link #heldElsewhere} tests another program's lock file the same way,
 * e.g. PyBitmessage's {@code singleton.lock} (it takes a POSIX lock, which this sees). Not
 * thread-safe.
 */
final class DataDirLock implements AutoCloseable {
  static final String FILE = "node.lock";

  /** A data directory that a running node (or import) holds. */
  static final class InUseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    InUseException(String message) {
      super(message);
    }
  }

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code dataDir} (created if needed).
   *
   * @throws InUseException when a running node (or import) holds it
   */
  static DataDirLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    FileChannel ch;
    try {
      Files.createDirectories(dataDir);
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
    }
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null; // held by this JVM
    } catch (IOException e) {
      closeQuietly(ch);
      throw new UncheckedIOException("cannot lock " + file, e);
    }
    if (l == null) {
      closeQuietly(ch);
      throw new InUseException(
          "a node is running on " + dataDir + " (" + file + " is locked): stop it first");
    }
    return new DataDirLock(ch, l);
  }

  /** Whether another process holds a lock on {@code file} (false when there is no such file). */
  static boolean heldElsewhere(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      FileLock l = ch.tryLock(0, Long.MAX_VALUE, true);
      if (l == null) {
        return true;
      }
      l.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // nothing was locked
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release " + FILE, e);
    }
  }
}
