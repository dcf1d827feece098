/**
 * The Bitmessage wire format: var_ints and other primitives, message framing, every network message
 * as an immutable record with a hand-written codec, objects with their exact bytes and typed views,
 * decrypted plaintext layouts, object acceptance rules and acknowledgements (docs/PROTOCOL.md
 * sections 1-5, 7.2 and 8). Decoders are defensive and throw {@link
 * dev.bitmsg.node.wire.ProtocolException} on any bad input.
 *
 * <p>Depends only on the JDK and the PoW definitions of {@code dev.bitmsg.pow} (checked by an
 * ArchUnit test).
 */
package dev.bitmsg.node.wire;
