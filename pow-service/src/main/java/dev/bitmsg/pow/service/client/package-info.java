/**
 * A Java client of the service (channel, bearer token, submit-and-watch), used by the CLI and the
 * benchmark. Depends on pow-proto and gRPC only.
 */
package dev.bitmsg.pow.service.client;
