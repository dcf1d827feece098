package dev.bitmsg.node.net;

/**
 * Upload and download limits of all peer connections together, in bytes per second; 0 means
 * unlimited. The options take PyBitmessage's unit ({@code maxuploadrate}, {@code maxdownloadrate}:
 * kilobytes of 1024 bytes per second). Immutable.
 */
public record TrafficLimits(long uploadBytesPerSecond, long downloadBytesPerSecond) {
  public static final TrafficLimits NONE = new TrafficLimits(0, 0);

  public TrafficLimits {
    if (uploadBytesPerSecond < 0 || downloadBytesPerSecond < 0) {
      throw new IllegalArgumentException("traffic limits must not be negative");
    }
  }

  /** Limits given in kilobytes (1024 bytes) per second, as the options take them. */
  public static TrafficLimits ofKilobytes(long uploadKb, long downloadKb) {
    if (uploadKb < 0 || downloadKb < 0) {
      throw new IllegalArgumentException(
          "--max-upload-kbps and --max-download-kbps must be >= 0 (0: unlimited)");
    }
    return new TrafficLimits(uploadKb * 1024, downloadKb * 1024);
  }
}
