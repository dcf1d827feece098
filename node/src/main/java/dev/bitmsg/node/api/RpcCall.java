package dev.bitmsg.node.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One decoded API call: method name, positional parameters (String, Long, Boolean, Double, byte[],
 * List, Map or null) and, for JSON-RPC, the request id. Immutable.
 */
public record RpcCall(String method, List<Object> params, @Nullable Object id) {
  public RpcCall {
    params = Collections.unmodifiableList(new ArrayList<>(params));
  }
}
