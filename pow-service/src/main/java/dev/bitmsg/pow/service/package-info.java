/**
 * The gRPC proof-of-work service: server lifecycle, health and reflection ({@link
 * dev.bitmsg.pow.service.PowGrpcServer}), the thin translator between the {@code bitmessage.pow.v1}
 * contract and the scheduler ({@link dev.bitmsg.pow.service.ProofOfWorkService}), request
 * validation, status mapping and configuration. Depends on pow-proto, pow-cpu, gRPC and the
 * subpackages; nothing here talks to a device directly.
 */
package dev.bitmsg.pow.service;
