package dev.bitmsg.pow.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitmsg.pow.PowException;
import dev.bitmsg.pow.service.auth.QuotaExceededException;
import dev.bitmsg.pow.service.scheduler.JobEndedException;
import dev.bitmsg.pow.service.scheduler.JobState;
import io.grpc.Status;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class StatusMapperTest {
  @Test
  void everyRow() {
    assertEquals(Status.Code.INVALID_ARGUMENT, code(new InvalidRequestException("x")));
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, code(new QuotaExceededException("x")));
    assertEquals(Status.Code.NOT_FOUND, code(new UnknownJobException("x")));
    assertEquals(Status.Code.CANCELLED, code(new JobEndedException(JobState.CANCELLED, "x")));
    assertEquals(Status.Code.DEADLINE_EXCEEDED, code(new JobEndedException(JobState.EXPIRED, "x")));
    assertEquals(Status.Code.UNAVAILABLE, code(new JobEndedException(JobState.FAILED, "x")));
    assertEquals(Status.Code.INTERNAL, code(new PowException("x")));
    assertEquals(Status.Code.INTERNAL, code(new IllegalStateException("x")));
    assertEquals(
        Status.Code.RESOURCE_EXHAUSTED,
        code(new CompletionException(new QuotaExceededException("x"))));
    assertEquals("why", StatusMapper.toStatus(new InvalidRequestException("why")).getDescription());
  }

  private static Status.Code code(Throwable t) {
    return StatusMapper.toStatus(t).getCode();
  }
}
