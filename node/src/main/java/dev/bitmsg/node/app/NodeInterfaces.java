package dev.bitmsg.node.app;

import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.events.NotifySettings;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.web.WebSettings;
import java.util.Optional;

/**
 * The node's interfaces to the outside, each off when empty: the PyBitmessage-compatible client
 * API, the gRPC push stream (which uses the API's credentials and its loopback rule), the
 * Prometheus metrics and the notify command (PyBitmessage's {@code apinotifypath}). Immutable.
 *
 * @param softwareVersion the version the API's clientStatus reports
 * @param shutdown the process's clean stop, offered to the API's {@code shutdown} call; empty: the
 *     call is refused (a node that does not own its process: tests, the demo)
 * @param notifyCommand the program run on start, new messages and new broadcasts
 * @param web the web interface (it logs in with the API's credentials)
 */
public record NodeInterfaces(
    Optional<ApiSettings> api,
    Optional<HostPort> events,
    Optional<HostPort> metrics,
    String softwareVersion,
    Optional<Runnable> shutdown,
    Optional<NotifySettings> notifyCommand,
    Optional<WebSettings> web) {

  /** Interfaces without a web interface. */
  public NodeInterfaces(
      Optional<ApiSettings> api,
      Optional<HostPort> events,
      Optional<HostPort> metrics,
      String softwareVersion,
      Optional<Runnable> shutdown,
      Optional<NotifySettings> notifyCommand) {
    this(api, events, metrics, softwareVersion, shutdown, notifyCommand, Optional.empty());
  }

  /** Interfaces without a notify command. */
  public NodeInterfaces(
      Optional<ApiSettings> api,
      Optional<HostPort> events,
      Optional<HostPort> metrics,
      String softwareVersion,
      Optional<Runnable> shutdown) {
    this(api, events, metrics, softwareVersion, shutdown, Optional.empty());
  }

  public NodeInterfaces {
    if (events.isPresent() && api.isEmpty()) {
      throw new IllegalArgumentException("--events needs --api (it uses the API credentials)");
    }
    // The push stream carries messages in the clear like the API: same loopback rule.
    events.ifPresent(
        e ->
            ApiSettings.checkExposure(
                "the push stream", e.host(), api.orElseThrow().allowRemote()));
  }

  /** No interfaces. */
  public static NodeInterfaces none(String softwareVersion) {
    return new NodeInterfaces(
        Optional.empty(), Optional.empty(), Optional.empty(), softwareVersion, Optional.empty());
  }

  public NodeInterfaces withApi(ApiSettings settings) {
    return new NodeInterfaces(
        Optional.of(settings), events, metrics, softwareVersion, shutdown, notifyCommand, web);
  }

  public NodeInterfaces withEvents(HostPort endpoint) {
    return new NodeInterfaces(
        api, Optional.of(endpoint), metrics, softwareVersion, shutdown, notifyCommand, web);
  }

  public NodeInterfaces withMetrics(HostPort endpoint) {
    return new NodeInterfaces(
        api, events, Optional.of(endpoint), softwareVersion, shutdown, notifyCommand, web);
  }

  public NodeInterfaces withShutdown(Runnable stop) {
    return new NodeInterfaces(
        api, events, metrics, softwareVersion, Optional.of(stop), notifyCommand, web);
  }

  public NodeInterfaces withNotify(NotifySettings settings) {
    return new NodeInterfaces(
        api, events, metrics, softwareVersion, shutdown, Optional.of(settings), web);
  }

  public NodeInterfaces withWeb(WebSettings settings) {
    return new NodeInterfaces(
        api, events, metrics, softwareVersion, shutdown, notifyCommand, Optional.of(settings));
  }
}
