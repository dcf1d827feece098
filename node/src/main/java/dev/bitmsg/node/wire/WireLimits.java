package dev.bitmsg.node.wire;

/**
 * Every size and count limit of the wire format in one place, each with its source. Values are
 * payload bytes unless said otherwise. Constants only.
 */
public final class WireLimits {
  private WireLimits() {}

  /** Frame header: magic(4) command(12) length(4) checksum(4). PROTOCOL.md section 2. */
  public static final int HEADER_LENGTH = 24;

  /** Length of the NUL-padded command field. PROTOCOL.md section 2. */
  public static final int COMMAND_LENGTH = 12;

  /**
   * Largest payload accepted on receive: PyBitmessage {@code MAX_MESSAGE_SIZE = 1600100}
   * (PROTOCOL.md section 2, framing.txt "size limits"). A frame declaring more is rejected before
   * its payload is buffered.
   */
  public static final int MAX_RECEIVE_PAYLOAD = 1_600_100;

  /**
   * Largest payload we ever send: Jabit {@code MAX_PAYLOAD_SIZE} and the spec text, 1,600,003 =
   * var_int(50000) + 50000 x 32, the largest inv (PROTOCOL.md section 2). Sending at most this
   * keeps every implementation able to read us.
   */
  public static final int MAX_SEND_PAYLOAD = 1_600_003;

  /** Inventory vectors per inv/getdata/dinv: PyBitmessage {@code MAX_OBJECT_COUNT}. Section 3.5. */
  public static final int MAX_INV_ITEMS = 50_000;

  /** Vectors per inv we send when announcing our inventory: PyBitmessage chunks at 49,999. */
  public static final int SEND_INV_CHUNK = 49_999;

  /**
   * Largest clock difference tolerated between peers, seconds: PyBitmessage {@code MAX_TIME_OFFSET}
   * (PROTOCOL.md 3.2). A version further off is refused; an object whose proof of work meets the
   * target at a clock up to this far ahead of ours is what an honest relay with such a clock
   * passes, so it is dropped without penalty.
   */
  public static final long MAX_TIME_OFFSET_SECONDS = 3600;

  /** Entries per addr: PyBitmessage {@code MAX_ADDR_COUNT}. PROTOCOL.md section 3.4. */
  public static final int MAX_ADDR_ITEMS = 1_000;

  /**
   * Object payload (bytes after the stream var_int) accepted on receive, and whole object length we
   * send: PyBitmessage {@code MAX_OBJECT_PAYLOAD_SIZE = 2^18}. PROTOCOL.md section 4 step 1.
   */
  public static final int MAX_OBJECT_PAYLOAD = 1 << 18;

  /** user_agent var_str bytes in version: PROTOCOL.md section 3.1 (5000). */
  public static final int MAX_USER_AGENT = 5_000;

  /** Streams in a version's stream list: PROTOCOL.md section 3.1 (160,000). */
  public static final int MAX_STREAMS = 160_000;

  /** Size of a net_addr with time and stream (addr). PROTOCOL.md section 1. */
  public static final int NET_ADDR_LENGTH = 38;

  /** Size of a net_addr without time and stream (version). PROTOCOL.md section 1. */
  public static final int NET_ADDR_SHORT_LENGTH = 26;

  /** Inventory vector length: first 32 bytes of dsha512(object). PROTOCOL.md section 1. */
  public static final int INVENTORY_VECTOR_LENGTH = 32;

  /** Fixed object header before the version var_int: nonce(8) expiresTime(8) type(4). Section 4. */
  public static final int OBJECT_FIXED_HEADER = 20;

  /** Public keys inside objects: X||Y without the 04 prefix. PROTOCOL.md section 1. */
  public static final int PUBLIC_KEY_LENGTH = 64;

  /** RIPEMD-160 hash of an address's keys. PROTOCOL.md section 6. */
  public static final int RIPE_LENGTH = 20;

  /** Tag of v4 addresses (getpubkey v4, pubkey v4, broadcast v5). PROTOCOL.md section 8. */
  public static final int TAG_LENGTH = 32;

  /** Ack data built by PyBitmessage at stealth level 0: 4 + 1 + 1 + 32. PROTOCOL.md section 8. */
  public static final int ACK_DATA_LENGTH = 38;

  /** Largest expiry in the future accepted: 28 days + 3 hours. PROTOCOL.md section 4 step 3. */
  public static final long MAX_EXPIRES_AHEAD_SECONDS = 28L * 24 * 3600 + 3 * 3600;

  /** How long after expiry an object is still accepted: 3600 s (PyBitmessage). Section 4 step 3. */
  public static final long MAX_EXPIRED_SECONDS = 3_600;

  /** Type sanity (PROTOCOL.md section 4 step 6): minimum whole-object length of a getpubkey. */
  public static final int GETPUBKEY_MIN_OBJECT_LENGTH = 42;

  /** Type sanity: whole-object length range of a pubkey. */
  public static final int PUBKEY_MIN_OBJECT_LENGTH = 146;

  public static final int PUBKEY_MAX_OBJECT_LENGTH = 440;

  /** Type sanity: minimum whole-object length of a broadcast. */
  public static final int BROADCAST_MIN_OBJECT_LENGTH = 180;
}
