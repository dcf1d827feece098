package dev.bitmsg.node.api;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz targets of the client API's request parsers, as {@code wire.WireFuzzTest} has for the
 * wire decoders: under {@code mvn test} they run in regression mode (the empty input plus the
 * inputs under {@code src/test/resources/.../ApiFuzzTestInputs/<method>/}); {@code ./bm fuzz
 * --minutes N} fuzzes them with the others. The properties are in {@link ApiFuzzChecks}.
 */
class ApiFuzzTest {
  @FuzzTest
  void jsonRpcRequest(byte[] data) {
    ApiFuzzChecks.jsonRpcRequest(data);
  }

  @FuzzTest
  void xmlRpcRequest(byte[] data) {
    ApiFuzzChecks.xmlRpcRequest(data);
  }
}
