package dev.bitmsg.node.app;

import dev.bitmsg.node.api.ApiClient;
import dev.bitmsg.node.api.ApiCredentials;
import dev.bitmsg.node.api.ApiSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How a client command reaches a running node's API: {@code --api} (URL or ADDR:PORT), user and
 * password, else what the node wrote to {@code api.conf} in its data directory. Mutable (picocli
 * fills it); used on one thread.
 */
public final class ApiOptions {
  @Option(
      names = "--api",
      paramLabel = "URL",
      description = "Node API URL or ADDR:PORT (default: from DATA/api.conf).")
  String api;

  @Option(
      names = "--api-user",
      paramLabel = "USER",
      description = "API user (default: from DATA/api.conf).")
  String user;

  @Option(
      names = "--api-password",
      paramLabel = "PW",
      description = "API password (default: from DATA/api.conf).")
  String password;

  @Option(
      names = "--api-variant",
      paramLabel = "xml|json|legacy",
      description = "API variant (default: xml or DATA/api.conf).")
  String variant;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Node data directory (default: ${DEFAULT-VALUE}).",
      defaultValue = "${sys:user.home}/.bitmsg/node")
  Path data;

  public ApiClient client() {
    Optional<ApiCredentials.Connection> stored = ApiCredentials.read(data);
    String url;
    if (api != null && !api.isBlank()) {
      url = api.contains("://") ? api : "http://" + api + "/";
    } else {
      url =
          stored
              .map(ApiCredentials.Connection::url)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no --api given and no "
                              + data.resolve(ApiCredentials.FILE)
                              + " (start the node with --api 127.0.0.1:8442, or pass --api/--data)"));
    }
    String u = user != null ? user : stored.map(ApiCredentials.Connection::user).orElse("bitmsg");
    String p =
        password != null
            ? password
            : stored
                .flatMap(ApiCredentials.Connection::password)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "no --api-password given and none stored in "
                                + data.resolve(ApiCredentials.FILE)));
    ApiSettings.Variant v =
        variant != null
            ? ApiSettings.Variant.parse(variant)
            : stored.map(ApiCredentials.Connection::variant).orElse(ApiSettings.Variant.XML);
    return new ApiClient(URI.create(url), u, p, v);
  }
}
