package dev.bitmsg.pow.service.auth;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the caller from the {@code authorization: Bearer <token>} header and puts it in the
 * call's {@link Context} under {@link #CLIENT}. Without a tokens file every caller is the anonymous
 * local client; with one, a missing or unknown token ends the call with {@code UNAUTHENTICATED}
 * before the service sees it. Immutable and thread-safe.
 */
public final class AuthInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(AuthInterceptor.class);

  public static final Context.Key<ClientIdentity> CLIENT = Context.key("bitmsg-pow-client");
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "Bearer ";

  private final Optional<TokensFile> tokens;
  private final ClientIdentity anonymous = ClientIdentity.anonymous();

  public AuthInterceptor(Optional<TokensFile> tokens) {
    this.tokens = tokens;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    ClientIdentity client;
    if (tokens.isEmpty()) {
      client = anonymous;
    } else {
      String header = headers.get(AUTHORIZATION);
      String why = null;
      client = null;
      if (header == null) {
        why = "missing 'authorization: Bearer <token>' header";
      } else if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        why = "authorization header is not a Bearer token";
      } else {
        client = tokens.get().lookup(header.substring(BEARER.length()).strip()).orElse(null);
        if (client == null) {
          why = "unknown token";
        }
      }
      if (client == null) {
        log.info(
            "call unauthenticated method={} reason={}",
            call.getMethodDescriptor().getFullMethodName(),
            why);
        call.close(Status.UNAUTHENTICATED.withDescription(why), new Metadata());
        return new ServerCall.Listener<>() {};
      }
    }
    return Contexts.interceptCall(Context.current().withValue(CLIENT, client), call, headers, next);
  }

  /** The caller of the current call (the anonymous client outside a call). */
  public static ClientIdentity current() {
    ClientIdentity c = CLIENT.get();
    return c != null ? c : ClientIdentity.anonymous();
  }
}
