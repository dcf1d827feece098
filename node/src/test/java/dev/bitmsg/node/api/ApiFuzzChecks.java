package dev.bitmsg.node.api;

import dev.bitmsg.node.rpc.Json;
import dev.bitmsg.node.rpc.RpcFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The properties of the client API's request parsers, shared by the Jazzer fuzz tests and the
 * seeded mutation tests: on any body only {@link RpcFormatException} escapes, and an accepted
 * request written back and read again gives the same call. Each check returns whether the body was
 * accepted.
 */
final class ApiFuzzChecks {
  private static final XmlRpcCodec XML = new XmlRpcCodec();
  private static final JsonRpcCodec JSON = new JsonRpcCodec();

  private ApiFuzzChecks() {}

  /** A JSON-RPC request body (the json variant). */
  static boolean jsonRpcRequest(byte[] data) {
    RpcCall call;
    try {
      call = JSON.decodeCall(data);
    } catch (RpcFormatException expected) {
      return false;
    }
    Map<String, Object> again = new LinkedHashMap<>();
    again.put("method", call.method());
    again.put("params", call.params());
    again.put("id", call.id());
    check(again.equals(Json.parse(Json.write(again))), "JSON-RPC request re-read");
    return true;
  }

  /** An XML-RPC request body (the xml and legacy variants). */
  static boolean xmlRpcRequest(byte[] data) {
    RpcCall call;
    try {
      call = XML.decodeCall(data);
    } catch (RpcFormatException expected) {
      return false;
    }
    RpcCall again = XML.decodeCall(XML.encodeCall(call.method(), call.params()));
    check(call.method().equals(again.method()), "XML-RPC method name re-read");
    check(same(call.params(), again.params()), "XML-RPC params re-read");
    return true;
  }

  /** Equality with byte arrays compared by content. */
  private static boolean same(@Nullable Object a, @Nullable Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!same(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (!new ArrayList<>(x.keySet()).equals(new ArrayList<>(y.keySet()))) {
        return false;
      }
      for (Object k : x.keySet()) {
        if (!same(x.get(k), y.get(k))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError("property broken: " + what);
    }
  }
}
