package dev.bitmsg.pow.service;

import dev.bitmsg.pow.PowException;
import dev.bitmsg.pow.service.auth.QuotaExceededException;
import dev.bitmsg.pow.service.scheduler.JobEndedException;
import io.grpc.Status;
import java.util.concurrent.CompletionException;

/**
 * The one place that turns failures into gRPC statuses, so clients always get a code and a message
 * instead of a bare UNKNOWN. Stateless.
 *
 * <table>
 *   <tr><th>failure</th><th>status</th></tr>
 *   <tr><td>{@link InvalidRequestException}</td><td>INVALID_ARGUMENT</td></tr>
 *   <tr><td>{@link QuotaExceededException}</td><td>RESOURCE_EXHAUSTED</td></tr>
 *   <tr><td>{@link QueueFullException}</td><td>RESOURCE_EXHAUSTED</td></tr>
 *   <tr><td>{@link UnknownJobException}</td><td>NOT_FOUND</td></tr>
 *   <tr><td>job cancelled</td><td>CANCELLED</td></tr>
 *   <tr><td>job past its deadline</td><td>DEADLINE_EXCEEDED</td></tr>
 *   <tr><td>job failed: no engine, shutting down</td><td>UNAVAILABLE</td></tr>
 *   <tr><td>{@link PowException}, anything else</td><td>INTERNAL</td></tr>
 * </table>
 */
public final class StatusMapper {
  private StatusMapper() {}

  public static Status toStatus(Throwable t) {
    Throwable e = t;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof InvalidRequestException) {
      return Status.INVALID_ARGUMENT.withDescription(e.getMessage());
    }
    if (e instanceof QuotaExceededException || e instanceof QueueFullException) {
      return Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage());
    }
    if (e instanceof UnknownJobException) {
      return Status.NOT_FOUND.withDescription(e.getMessage());
    }
    if (e instanceof JobEndedException ended) {
      return switch (ended.state()) {
        case CANCELLED -> Status.CANCELLED.withDescription(e.getMessage());
        case EXPIRED -> Status.DEADLINE_EXCEEDED.withDescription(e.getMessage());
        default -> Status.UNAVAILABLE.withDescription(e.getMessage());
      };
    }
    if (e instanceof PowException) {
      return Status.INTERNAL.withDescription(e.getMessage()).withCause(e);
    }
    return Status.INTERNAL.withDescription("internal error: " + e).withCause(e);
  }
}
