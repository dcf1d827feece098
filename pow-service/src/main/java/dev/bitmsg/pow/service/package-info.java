/**
 * The gRPC proof-of-work service: server lifecycle, health and reflection ({@link
 * dev.bitmsg.pow.service.PowGrpcServer}, the service's composition root, which builds the
 * scheduler, metrics and gRPC service once each and hands the request mapper the {@link
 * dev.bitmsg.pow.PowRules} it is given), the thin translator between the {@code bitmessage.pow.v1}
 * contract and the scheduler ({@link dev.bitmsg.pow.service.ProofOfWorkService}), the streaming
 * calls (one-call SolveStream jobs and Watch streams, both writing progress through a
 * flow-controlled {@link dev.bitmsg.pow.service.SnapshotStream} so a slow reader never makes the
 * server buffer without bound), request validation, status mapping, configuration ({@link
 * dev.bitmsg.pow.service.PowServiceConfig} with its listen, TLS and limits records) and engine
 * setup. Depends on pow-proto, pow-cpu, gRPC, SLF4J and the subpackages; nothing here talks to a
 * device directly.
 */
package dev.bitmsg.pow.service;
