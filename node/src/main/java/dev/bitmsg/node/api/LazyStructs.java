package dev.bitmsg.node.api;

import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A listing's structs made one at a time as the encoder reaches them, each garbage once written: a
 * listing of a large folder holds its rows, not their larger encoded form as well. Immutable view
 * over {@code rows}; as thread-safe as {@code rows} and {@code toStruct}.
 */
final class LazyStructs<T> extends AbstractList<Map<String, Object>> {
  private final List<T> rows;
  private final Function<T, Map<String, Object>> toStruct;

  private LazyStructs(List<T> rows, Function<T, Map<String, Object>> toStruct) {
    this.rows = rows;
    this.toStruct = toStruct;
  }

  static <T> List<Map<String, Object>> of(List<T> rows, Function<T, Map<String, Object>> toStruct) {
    return new LazyStructs<>(rows, toStruct);
  }

  @Override
  public Map<String, Object> get(int i) {
    return toStruct.apply(rows.get(i));
  }

  @Override
  public int size() {
    return rows.size();
  }
}
