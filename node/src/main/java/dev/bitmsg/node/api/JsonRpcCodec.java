package dev.bitmsg.node.api;

import dev.bitmsg.node.rpc.Json;
import dev.bitmsg.node.rpc.RpcFormatException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON-RPC for the {@code json} API variant, both sides: a request is a UTF-8 JSON object with a
 * string {@code method}, positional {@code params} (an array, as PyBitmessage takes them; absent
 * means none) and an {@code id}; an answer carries {@code result}, or {@code error} with the API
 * error's code and {@code API Error 00NN: text}. JSON itself is {@link Json}. Stateless.
 */
final class JsonRpcCodec {
  /**
   * Decodes a request.
   *
   * @throws RpcFormatException when the body is not a JSON-RPC request
   */
  RpcCall decodeCall(byte[] body) {
    Object parsed = Json.parse(utf8(body));
    if (!(parsed instanceof Map<?, ?> m) || !(m.get("method") instanceof String method)) {
      throw new RpcFormatException("JSON-RPC request must be an object with a string \"method\"");
    }
    Object ps = m.get("params");
    List<Object> params = new ArrayList<>();
    if (ps instanceof List<?> l) {
      params.addAll(l);
    } else if (ps != null) {
      throw new RpcFormatException(
          "JSON-RPC params must be an array (positional, as PyBitmessage takes them)");
    }
    return new RpcCall(method, params, m.get("id"));
  }

  /**
   * Writes the answer carrying {@code result} onto {@code out} as it is encoded (buffered, flushed,
   * not closed), so a large listing is not held whole as text and bytes.
   */
  void writeResult(@Nullable Object id, @Nullable Object result, OutputStream out)
      throws IOException {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("jsonrpc", "2.0");
    response.put("result", result);
    response.put("id", id);
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    Json.write(response, w);
    w.flush();
  }

  byte[] encodeError(@Nullable Object id, long code, @Nullable String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("jsonrpc", "2.0");
    response.put("error", error);
    response.put("id", id);
    return Json.write(response).getBytes(StandardCharsets.UTF_8);
  }

  /** A request (the client side). */
  byte[] encodeCall(String method, List<Object> params, long id) {
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("jsonrpc", "2.0");
    req.put("method", method);
    req.put("params", params);
    req.put("id", id);
    return Json.write(req).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Decodes an answer (the client side).
   *
   * @throws ApiError for an error answer (its code and text)
   * @throws RpcFormatException when the body is not a JSON-RPC answer
   */
  @Nullable Object decodeResponse(byte[] body) {
    Object reply = Json.parse(utf8(body));
    if (!(reply instanceof Map<?, ?> m)) {
      throw new RpcFormatException("JSON-RPC reply is not an object");
    }
    if (m.get("error") instanceof Map<?, ?> err) {
      long code = err.get("code") instanceof Long l ? l : 0;
      throw new ApiError(
          (int) code, String.valueOf(err.get("message")).replaceFirst("^API Error \\d{4}: ", ""));
    }
    return m.get("result");
  }

  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new RpcFormatException("JSON-RPC body is not UTF-8");
    }
  }
}
