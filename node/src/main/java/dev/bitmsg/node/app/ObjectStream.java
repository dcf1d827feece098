package dev.bitmsg.node.app;

import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.ObjectMessage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The benchmarks' objects read back from their file (length-prefixed raw objects) in batches of
 * {@value #BATCH} and handed to a sink on several threads, with a bounded read-ahead so that memory
 * stays flat whatever the file's size. Successive {@link #feed} calls continue where the last one
 * stopped. Not thread-safe (one caller).
 */
final class ObjectStream implements AutoCloseable {
  static final int BATCH = 256;

  private final DataInputStream in;
  private final ExecutorService pool;
  private final int threads;

  private ObjectStream(DataInputStream in, int threads) {
    this.in = in;
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads);
  }

  static ObjectStream of(Path file, int threads) throws IOException {
    return new ObjectStream(
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16)), threads);
  }

  /** Feeds the next {@code count} objects (fewer at the end of the file) to {@code sink}. */
  void feed(long count, Consumer<List<ObjectMessage>> sink) throws IOException {
    List<Future<?>> inFlight = new ArrayList<>();
    long left = count;
    while (left > 0) {
      List<ObjectMessage> batch = readBatch((int) Math.min(BATCH, left));
      if (batch.isEmpty()) {
        break;
      }
      left -= batch.size();
      inFlight.add(pool.submit(() -> sink.accept(batch)));
      if (inFlight.size() >= threads * 2) { // bounded read-ahead keeps memory flat
        await(inFlight.remove(0));
      }
    }
    for (Future<?> f : inFlight) {
      await(f);
    }
  }

  private List<ObjectMessage> readBatch(int max) throws IOException {
    List<ObjectMessage> batch = new ArrayList<>(max);
    while (batch.size() < max) {
      int len;
      try {
        len = in.readInt();
      } catch (EOFException e) {
        break;
      }
      byte[] raw = new byte[len];
      in.readFully(raw);
      batch.add(ObjectMessage.of(Bytes.of(raw)));
    }
    return batch;
  }

  private static void await(Future<?> f) throws IOException {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a batch failed: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public void close() throws IOException {
    pool.shutdownNow();
    in.close();
  }
}
