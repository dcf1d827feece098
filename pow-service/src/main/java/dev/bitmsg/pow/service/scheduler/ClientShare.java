package dev.bitmsg.pow.service.scheduler;

/**
 * Who a job belongs to for fair sharing: clients of one priority class get engine time in
 * proportion to {@code weight}. Immutable.
 */
public record ClientShare(String name, double weight) {
  public ClientShare {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("client name is required");
    }
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException(
          "client weight must be positive and finite, got " + weight);
    }
  }
}
