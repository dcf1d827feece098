/**
 * Message body encodings (trivial, simple, extended = zlib + msgpack) of msg and broadcast
 * plaintexts: {@link dev.bitmsg.node.content.ContentCodec} turns subject and body into encoded
 * bytes and back. Depends on the JDK and msgpack-core.
 */
package dev.bitmsg.node.content;
