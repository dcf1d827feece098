/**
 * Who is calling and what they may ask for: the bearer tokens file, the gRPC interceptor that
 * resolves the caller, and the per-client quota ledger. Depends on gRPC, SLF4J and the JDK (and the
 * Error Prone annotations).
 */
package dev.bitmsg.pow.service.auth;
