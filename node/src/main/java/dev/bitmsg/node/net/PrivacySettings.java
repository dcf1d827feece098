package dev.bitmsg.node.net;

import java.util.Optional;

/**
 * How the node hides where it is and what it sends: the SOCKS5 proxy of every outbound connection,
 * onion-only dialling, its own onion service, Dandelion++ and the traffic limits. Validated on
 * construction with messages naming the option; immutable.
 *
 * @param socks5 the proxy of all outbound connections ({@code --socks5}); empty: direct
 * @param onionOnly dial {@code .onion} peers only ({@code --onion-only}; needs the proxy)
 * @param onionHost our onion service's name, advertised in {@code onionpeer} objects and never
 *     dialled ({@code --onion-host}; needs the proxy)
 * @param onionPort the port our onion service is reached at ({@code --onion-port}, PyB's {@code
 *     onionport}, 8444), advertised with the name and in versions sent over the onion service
 * @param dandelion stem and fluff of our own and stemmed objects
 * @param traffic the upload and download limits of all peer connections together
 */
public record PrivacySettings(
    Optional<Socks5Proxy> socks5,
    boolean onionOnly,
    Optional<OnionName> onionHost,
    int onionPort,
    DandelionSettings dandelion,
    TrafficLimits traffic) {

  public PrivacySettings {
    if (onionOnly && socks5.isEmpty()) {
      throw new IllegalArgumentException("--onion-only needs --socks5 (onion names need Tor)");
    }
    if (onionHost.isPresent() && socks5.isEmpty()) {
      throw new IllegalArgumentException(
          "--onion-host needs --socks5: an onion service node must dial through Tor too");
    }
    if (onionPort < 1 || onionPort > 0xffff) {
      throw new IllegalArgumentException("--onion-port must be 1..65535, got " + onionPort);
    }
  }

  /** Direct connections, Dandelion on, no limits: a node without privacy options. */
  public static PrivacySettings defaults() {
    return new PrivacySettings(
        Optional.empty(),
        false,
        Optional.empty(),
        8444,
        DandelionSettings.defaults(),
        TrafficLimits.NONE);
  }

  public PrivacySettings withSocks5(Optional<Socks5Proxy> proxy, boolean onlyOnions) {
    return new PrivacySettings(proxy, onlyOnions, onionHost, onionPort, dandelion, traffic);
  }

  public PrivacySettings withOnionService(Optional<OnionName> host, int port) {
    return new PrivacySettings(socks5, onionOnly, host, port, dandelion, traffic);
  }

  public PrivacySettings withDandelion(DandelionSettings d) {
    return new PrivacySettings(socks5, onionOnly, onionHost, onionPort, d, traffic);
  }

  public PrivacySettings withTraffic(TrafficLimits t) {
    return new PrivacySettings(socks5, onionOnly, onionHost, onionPort, dandelion, t);
  }
}
