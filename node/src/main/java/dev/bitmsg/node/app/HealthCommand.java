package dev.bitmsg.node.app;

import dev.bitmsg.node.api.ApiClient;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code bm health}: one call to a running node's API ({@code helloWorld}); exit 0 when it answers,
 * 1 when it does not. The container image's HEALTHCHECK runs it.
 */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = {
      "Checks that a running node's API answers (found through --api or DATA/api.conf):",
      "prints 'health OK URL' and exits 0, or the reason and 1 (a container HEALTHCHECK)."
    })
final class HealthCommand extends ClientCommands.Base {
  @Mixin ApiOptions api;

  @Override
  Integer execute() {
    ApiClient client = api.client();
    Object reply = client.call("helloWorld", "health", "check");
    if (!Objects.equals(reply, "health-check")) {
      throw new ApiClient.ApiClientException("unexpected helloWorld answer: " + reply, null);
    }
    out().println("health OK " + client.uri());
    return 0;
  }
}
