package dev.bitmsg.node.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.rpc.RpcFormatException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XmlRpcCodecTest {
  private final XmlRpcCodec codec = new XmlRpcCodec();

  private RpcCall decode(String xml) {
    return codec.decodeCall(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decodesEveryValueType() {
    RpcCall c =
        decode(
            "<?xml version='1.0'?><methodCall><methodName>m</methodName><params>"
                + "<param><value><string>a&amp;b</string></value></param>"
                + "<param><value>untyped</value></param>"
                + "<param><value><int>-5</int></value></param>"
                + "<param><value><i4>7</i4></value></param>"
                + "<param><value><i8>9000000000</i8></value></param>"
                + "<param><value><boolean>1</boolean></value></param>"
                + "<param><value><double>1.5</double></value></param>"
                + "<param><value><base64>AAEC\n</base64></value></param>"
                + "<param><value><nil/></value></param>"
                + "<param><value><array><data><value><int>1</int></value><value>x</value></data></array></value></param>"
                + "<param><value><struct><member><name>k</name><value><int>2</int></value></member></struct></value></param>"
                + "</params></methodCall>");
    assertEquals("m", c.method());
    List<Object> p = c.params();
    assertEquals("a&b", p.get(0));
    assertEquals("untyped", p.get(1));
    assertEquals(-5L, p.get(2));
    assertEquals(7L, p.get(3));
    assertEquals(9_000_000_000L, p.get(4));
    assertEquals(true, p.get(5));
    assertEquals(1.5, p.get(6));
    assertArrayEquals(new byte[] {0, 1, 2}, (byte[]) p.get(7));
    assertEquals(null, p.get(8));
    assertEquals(List.of(1L, "x"), p.get(9));
    assertEquals(Map.of("k", 2L), p.get(10));
  }

  @Test
  void refusesDoctypesAndEntities() {
    String xxe =
        "<?xml version='1.0'?><!DOCTYPE m [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
            + "<methodCall><methodName>&x;</methodName></methodCall>";
    assertThrows(RpcFormatException.class, () -> decode(xxe));
    String laughs =
        "<?xml version='1.0'?><!DOCTYPE l [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;'>]>"
            + "<methodCall><methodName>&b;</methodName></methodCall>";
    assertThrows(RpcFormatException.class, () -> decode(laughs));
  }

  @Test
  void refusesMalformedCalls() {
    assertThrows(RpcFormatException.class, () -> decode("<methodCall>"));
    assertThrows(RpcFormatException.class, () -> decode("<other/>"));
    assertThrows(RpcFormatException.class, () -> decode("<methodCall><params/></methodCall>"));
    assertThrows(
        RpcFormatException.class,
        () ->
            decode(
                "<methodCall><methodName>m</methodName><params><param><value><int>x</int></value></param></params></methodCall>"));
    assertThrows(
        RpcFormatException.class,
        () ->
            decode(
                "<methodCall><methodName>m</methodName><params><param><value><boolean>2</boolean></value></param></params></methodCall>"));
    String deep = "<value><array><data>".repeat(40) + "</data></array></value>".repeat(40);
    assertThrows(
        RpcFormatException.class,
        () ->
            decode(
                "<methodCall><methodName>m</methodName><params><param>"
                    + deep
                    + "</param></params></methodCall>"));
  }

  @Test
  void encodesResultsAndFaults() {
    String r =
        new String(
            codec.encodeResult(Map.of("a", List.of(1L, 5_000_000_000L, "x<y", true))),
            StandardCharsets.UTF_8);
    assertTrue(
        r.contains("<int>1</int>")
            && r.contains("<i8>5000000000</i8>")
            && r.contains("x&lt;y")
            && r.contains("<boolean>1</boolean>"),
        r);
    String f =
        new String(
            codec.encodeFault(20, "API Error 0020: Invalid method: t"), StandardCharsets.UTF_8);
    assertTrue(
        f.contains("<fault>")
            && f.contains("<name>faultCode</name>")
            && f.contains("<int>20</int>"),
        f);
    assertEquals("API Error 0020: x", new ApiError(20, "x").formatted());
  }

  @Test
  void decodeCall_refusesDeepDocumentsWithoutRunningOutOfStack() {
    XmlRpcCodec codec = new XmlRpcCodec();
    String deep =
        "<methodCall><methodName>m</methodName><params><param><value><string>"
            + "<a>".repeat(100_000)
            + "</a>".repeat(100_000)
            + "</string></value></param></params></methodCall>";
    assertThrows(
        RpcFormatException.class, () -> codec.decodeCall(deep.getBytes(StandardCharsets.UTF_8)));
    String nested =
        "<methodCall><methodName>m</methodName><params><param>"
            + "<value><array><data>".repeat(40)
            + "</data></array></value>".repeat(40)
            + "</param></params></methodCall>";
    assertThrows(
        RpcFormatException.class, () -> codec.decodeCall(nested.getBytes(StandardCharsets.UTF_8)));
  }
}
