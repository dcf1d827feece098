package dev.bitmsg.node.crypto;

/**
 * The digest an ECDSA signature was made over. PyBitmessage signs with SHA-256; Jabit signed with
 * SHA-1 (PROTOCOL.md section 7.2).
 */
public enum SignatureDigest {
  SHA1,
  SHA256
}
