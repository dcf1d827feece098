package dev.bitmsg.node.wire;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.TrialValue;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * {@code object}: one object with its exact wire bytes (PROTOCOL.md section 4). Relaying and the
 * inventory vector need those bytes unchanged, so they are kept as received; the header fields are
 * parsed from them once. Typed views ({@link ObjectPayloads}) are parsed from the payload on
 * demand.
 *
 * <p>A final class rather than a record: it caches the parsed header offsets and the inventory
 * vector next to the raw bytes, and equality is the equality of the raw bytes. Immutable and
 * thread-safe (the cached vector is computed idempotently).
 *
 * <pre>
 *   size     field
 *      8     nonce         uint64, proof of work
 *      8     expiresTime   uint64
 *      4     objectType    uint32
 *   var_int  version
 *   var_int  stream
 *   rest     objectPayload
 * </pre>
 */
public final class ObjectMessage implements Message {
  private final Bytes raw;
  private final long nonce;
  private final ObjectHeader header;
  private final int payloadOffset;
  private volatile @Nullable InventoryVector inventoryVector;

  private ObjectMessage(Bytes raw, long nonce, ObjectHeader header, int payloadOffset) {
    this.raw = raw;
    this.nonce = nonce;
    this.header = header;
    this.payloadOffset = payloadOffset;
  }

  /** Reads an object that fills the rest of {@code buf} (an {@code object} payload). */
  public static ObjectMessage read(ByteBuffer buf) {
    return of(Bytes.read(buf, buf.remaining(), "object"));
  }

  /**
   * Parses the header of complete object bytes.
   *
   * @throws ProtocolException when the header is truncated or has a non-minimal var_int
   */
  public static ObjectMessage of(Bytes raw) {
    ByteBuffer buf = raw.asReadOnlyBuffer();
    long nonce = WireIo.readUint64(buf, "object: nonce");
    ObjectHeader header = ObjectHeader.read(buf);
    return new ObjectMessage(raw, nonce, header, buf.position());
  }

  /** Builds an object from its parts (a sender after the proof of work). */
  public static ObjectMessage create(long nonce, ObjectHeader header, Bytes payload) {
    ByteBuffer buf = ByteBuffer.allocate(8 + header.serializedSize() + payload.length());
    WireIo.writeUint64(buf, nonce);
    header.write(buf);
    payload.write(buf);
    return new ObjectMessage(Bytes.wrap(buf.array()), nonce, header, 8 + header.serializedSize());
  }

  /** The bytes a proof of work is computed over: the object without its nonce. */
  public static Bytes withoutNonce(ObjectHeader header, Bytes payload) {
    ByteBuffer buf = ByteBuffer.allocate(header.serializedSize() + payload.length());
    header.write(buf);
    payload.write(buf);
    return Bytes.wrap(buf.array());
  }

  /** The same object with another nonce. */
  public ObjectMessage withNonce(long newNonce) {
    return create(newNonce, header, payload());
  }

  /** The exact object bytes. */
  public Bytes raw() {
    return raw;
  }

  public long nonce() {
    return nonce;
  }

  public ObjectHeader header() {
    return header;
  }

  public long expiresTime() {
    return header.expiresTime();
  }

  public long objectType() {
    return header.objectType();
  }

  public long version() {
    return header.version();
  }

  public long stream() {
    return header.stream();
  }

  /** Offset of the object payload in {@link #raw()}. */
  public int payloadOffset() {
    return payloadOffset;
  }

  public int payloadLength() {
    return raw.length() - payloadOffset;
  }

  public Bytes payload() {
    return raw.slice(payloadOffset, raw.length());
  }

  /** A read-only buffer over the payload (no copy). */
  public ByteBuffer payloadBuffer() {
    ByteBuffer b = raw.asReadOnlyBuffer();
    b.position(payloadOffset);
    return b.slice();
  }

  /** Whole object length, nonce included. */
  public int length() {
    return raw.length();
  }

  /** {@code raw[from, to)}. */
  public Bytes rawSlice(int from, int to) {
    return raw.slice(from, to);
  }

  public Bytes bytesWithoutNonce() {
    return raw.slice(8, raw.length());
  }

  public InventoryVector inventoryVector() {
    InventoryVector v = inventoryVector;
    if (v == null) {
      v = InventoryVector.ofObject(raw);
      inventoryVector = v;
    }
    return v;
  }

  /** SHA-512 of the object without its nonce. */
  public InitialHash initialHash() {
    return InitialHash.ofObject(raw.unsafeArray());
  }

  /** The proof-of-work trial value of this object's nonce. */
  public long trialValue() {
    return TrialValue.of(nonce, initialHash());
  }

  @Override
  public String command() {
    return "object";
  }

  @Override
  public ByteBuffer write(ByteBuffer buf) {
    return raw.write(buf);
  }

  @Override
  public int serializedSize() {
    return raw.length();
  }

  @Override
  public Bytes toBytes() {
    return raw;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObjectMessage other && raw.equals(other.raw);
  }

  @Override
  public int hashCode() {
    return raw.hashCode();
  }

  @Override
  public String toString() {
    return "ObjectMessage["
        + ObjectType.name(objectType())
        + " v"
        + Long.toUnsignedString(version())
        + " stream "
        + Long.toUnsignedString(stream())
        + ", "
        + raw.length()
        + " bytes, expires "
        + Long.toUnsignedString(expiresTime())
        + "]";
  }
}
