package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.ObjectMessage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Counts the objects the node stored since start, by object type (the API's clientStatus and the
 * metrics). Feed it as a stored-object listener. Thread-safe.
 */
public final class ObjectCounters implements Consumer<ObjectMessage> {
  private final ConcurrentHashMap<Long, LongAdder> byType = new ConcurrentHashMap<>();

  @Override
  public void accept(ObjectMessage object) {
    byType.computeIfAbsent(object.objectType(), t -> new LongAdder()).increment();
  }

  public long count(long type) {
    LongAdder a = byType.get(type);
    return a == null ? 0 : a.sum();
  }

  public long total() {
    return byType.values().stream().mapToLong(LongAdder::sum).sum();
  }
}
