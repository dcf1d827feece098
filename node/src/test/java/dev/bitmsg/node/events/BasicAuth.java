package dev.bitmsg.node.events;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Executor;

/** HTTP Basic credentials on every call, as an events client of the node sends them. */
final class BasicAuth extends CallCredentials {
  private final String header;

  BasicAuth(String user, String password) {
    this.header =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
    Metadata m = new Metadata();
    m.put(EventsServer.AUTHORIZATION, header);
    applier.apply(m);
  }
}
