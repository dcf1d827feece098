package dev.bitmsg.node.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz targets, one per decoder. Under {@code mvn test} they run in regression mode (the
 * empty input plus any inputs under {@code src/test/resources/.../WireFuzzTestInputs/<method>/});
 * {@code ./bm fuzz --minutes N} fuzzes each for its share of N minutes. The properties are in
 * {@link FuzzChecks}.
 */
class WireFuzzTest {
  @FuzzTest
  void frameDecoder(byte[] data) {
    FuzzChecks.frameDecoder(data);
  }

  @FuzzTest
  void messageReader(byte[] data) {
    FuzzChecks.messageReader(data);
  }

  @FuzzTest
  void version(byte[] data) {
    FuzzChecks.version(data);
  }

  @FuzzTest
  void addr(byte[] data) {
    FuzzChecks.addr(data);
  }

  @FuzzTest
  void inventoryList(byte[] data) {
    FuzzChecks.inventoryList(data);
  }

  @FuzzTest
  void error(byte[] data) {
    FuzzChecks.error(data);
  }

  @FuzzTest
  void object(byte[] data) {
    FuzzChecks.object(data);
  }

  @FuzzTest
  void msgPlaintext(byte[] data) {
    FuzzChecks.msgPlaintext(data);
  }

  @FuzzTest
  void broadcastPlaintext(byte[] data) {
    FuzzChecks.broadcastPlaintext(data);
  }

  @FuzzTest
  void pubkeyBody(byte[] data) {
    FuzzChecks.pubkeyBody(data);
  }

  @FuzzTest
  void embeddedAck(byte[] data) {
    FuzzChecks.embeddedAck(data);
  }

  @FuzzTest
  void primitives(byte[] data) {
    FuzzChecks.primitives(data);
  }
}
