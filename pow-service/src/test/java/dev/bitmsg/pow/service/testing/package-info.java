/**
 * Test fixtures shared by the module's test classes, whatever package they test: a real server with
 * a channel to it ({@link dev.bitmsg.pow.service.testing.TestServer}), a recording CPU scanner,
 * hashes and targets of known difficulty, requests, in-process runs of the commands ({@link
 * dev.bitmsg.pow.service.testing.CliRun}), the OpenCL gate and the CPU reference the device tests
 * compare against. Test code only.
 */
package dev.bitmsg.pow.service.testing;
