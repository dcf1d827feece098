package dev.bitmsg.pow.service;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Follow-up actions on a job's result whose own failure would otherwise be lost. */
final class Completions {
  private static final Logger log = LoggerFactory.getLogger(Completions.class);

  private Completions() {}

  /**
   * Runs {@code action} once {@code result} completes, either way. The action gets the value or the
   * failure as {@link CompletableFuture#whenComplete} would; if the action itself throws, that is
   * logged (a bare whenComplete would keep it in a future nobody reads).
   */
  static <T> void onCompletion(
      CompletableFuture<T> result, BiConsumer<? super T, ? super Throwable> action) {
    result
        .handle(
            (value, failure) -> {
              action.accept(value, failure);
              return null;
            })
        .exceptionally(
            e -> {
              log.error("completion action failed", e);
              return null;
            });
  }
}
