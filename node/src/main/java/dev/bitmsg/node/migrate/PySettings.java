package dev.bitmsg.node.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PyBitmessage's {@code [bitmessagesettings]} (keys.dat) translated into this node's config keys
 * (the long option names of {@code bm node}), for the settings that have an equivalent here; every
 * other key present is listed with the reason it is left out. Values are read as configparser
 * stores them ({@code %%} is a literal {@code %}). Immutable.
 *
 * @param config the config keys to set, in a stable order
 * @param apiLogin the API's user and password when PyBitmessage's API was enabled
 * @param senderListMode {@code black} or {@code white} (PyBitmessage {@code blackwhitelist})
 * @param skipped one line per key left out: {@code key: reason}
 */
public record PySettings(
    List<ConfigValue> config,
    Optional<ApiLogin> apiLogin,
    Optional<String> senderListMode,
    List<String> skipped) {

  /** One config key of this node, with the PyBitmessage keys it came from. Immutable. */
  public record ConfigValue(String key, String value, String from) {}

  /** PyBitmessage's API user and password. Immutable; {@link #toString()} hides the password. */
  public record ApiLogin(String user, String password) {
    @Override
    public String toString() {
      return "ApiLogin[" + user + "]";
    }
  }

  private static final long NETWORK_PORT = 8444;
  private static final long MIN_TTL = 3600;
  private static final long MAX_TTL = 28L * 24 * 3600;

  /** Keys used by the translation (not reported as skipped). */
  private static final Set<String> USED =
      Set.of(
          "port",
          "maxoutboundconnections",
          "apienabled",
          "apiinterface",
          "apiport",
          "apiusername",
          "apipassword",
          "apivariant",
          "apinotifypath",
          "ackstealthlevel",
          "ttl",
          "stopresendingafterxdays",
          "stopresendingafterxmonths",
          "maxacceptablenoncetrialsperbyte",
          "maxacceptablepayloadlengthextrabytes",
          "blackwhitelist",
          "settingsversion");

  /** Why the other known keys have no equivalent. */
  private static final Map<String, String> REASONS = reasons();

  public PySettings {
    config = List.copyOf(config);
    skipped = List.copyOf(skipped);
  }

  /** Translates the raw options of {@code [bitmessagesettings]}. */
  public static PySettings of(Map<String, String> raw) {
    Map<String, String> s = new LinkedHashMap<>();
    raw.forEach((k, v) -> s.put(k, v.replace("%%", "%").strip()));
    List<ConfigValue> config = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Translation t = new Translation(s, config, skipped);
    t.network();
    Optional<ApiLogin> login = t.api();
    t.messaging();
    Optional<String> mode = Optional.empty();
    String bw = s.get("blackwhitelist");
    if (bw != null) {
      String w = bw.toLowerCase(Locale.ROOT);
      if (w.equals("black") || w.equals("white")) {
        mode = Optional.of(w);
      } else {
        skipped.add("blackwhitelist: neither black nor white: " + bw);
      }
    }
    for (Map.Entry<String, String> e : s.entrySet()) {
      if (!USED.contains(e.getKey())) {
        skipped.add(
            e.getKey() + ": " + REASONS.getOrDefault(e.getKey(), "no equivalent in this node"));
      }
    }
    return new PySettings(config, login, mode, skipped);
  }

  /** The translation of one section into {@code config} and {@code skipped}. */
  private record Translation(
      Map<String, String> s, List<ConfigValue> config, List<String> skipped) {

    void network() {
      number("port")
          .filter(p -> p != NETWORK_PORT)
          .ifPresent(p -> config.add(new ConfigValue("listen", "0.0.0.0:" + p, "port")));
      number("maxoutboundconnections")
          .ifPresent(
              n ->
                  config.add(
                      new ConfigValue("max-outbound", n.toString(), "maxoutboundconnections")));
    }

    Optional<ApiLogin> api() {
      if (!bool("apienabled")) {
        for (String k : List.of("apinotifypath", "apipassword")) {
          if (!s.getOrDefault(k, "").isEmpty()) {
            skipped.add(k + ": PyBitmessage's API was not enabled, so it was not in use");
          }
        }
        return Optional.empty();
      }
      String iface = s.getOrDefault("apiinterface", "127.0.0.1");
      long port = number("apiport").orElse(8442L);
      if (!iface.equals("127.0.0.1") && !iface.equals("localhost") && !iface.equals("::1")) {
        skipped.add(
            "apiinterface: "
                + iface
                + " is not loopback; the API is imported on 127.0.0.1 (the node refuses a remote"
                + " API without --api-allow-remote, and it has no TLS)");
        iface = "127.0.0.1";
      }
      config.add(new ConfigValue("api", iface + ":" + port, "apiinterface, apiport"));
      String variant = s.getOrDefault("apivariant", "xml").toLowerCase(Locale.ROOT);
      if (Set.of("xml", "json", "legacy").contains(variant)) {
        if (!variant.equals("xml")) {
          config.add(new ConfigValue("api-variant", variant, "apivariant"));
        }
      } else {
        skipped.add("apivariant: unknown variant " + variant);
      }
      String notify = s.getOrDefault("apinotifypath", "");
      if (!notify.isEmpty()) {
        config.add(new ConfigValue("notify-command", notify, "apinotifypath"));
      }
      String user = s.getOrDefault("apiusername", "");
      String password = s.getOrDefault("apipassword", "");
      if (user.isEmpty() || password.isEmpty()) {
        skipped.add("apiusername/apipassword: empty; the node makes its own password");
        return Optional.empty();
      }
      config.add(new ConfigValue("api-user", user, "apiusername"));
      return Optional.of(new ApiLogin(user, password));
    }

    void messaging() {
      number("ackstealthlevel")
          .ifPresent(
              n -> {
                if (n >= 0 && n <= 2) {
                  config.add(new ConfigValue("ack-stealth-level", n.toString(), "ackstealthlevel"));
                } else {
                  skipped.add("ackstealthlevel: must be 0, 1 or 2, was " + n);
                }
              });
      number("ttl")
          .ifPresent(
              n ->
                  config.add(
                      new ConfigValue(
                          "default-ttl",
                          Long.toString(Math.max(MIN_TTL, Math.min(MAX_TTL, n))),
                          "ttl")));
      String days = s.getOrDefault("stopresendingafterxdays", "");
      String months = s.getOrDefault("stopresendingafterxmonths", "");
      if (!days.isEmpty() && !months.isEmpty()) {
        if (decimal(days) && decimal(months)) {
          config.add(new ConfigValue("stop-resending-after-days", days, "stopresendingafterxdays"));
          config.add(
              new ConfigValue("stop-resending-after-months", months, "stopresendingafterxmonths"));
        } else {
          skipped.add("stopresendingafterx...: not numbers: " + days + ", " + months);
        }
      } else if (s.containsKey("stopresendingafterxdays")
          || s.containsKey("stopresendingafterxmonths")) {
        skipped.add(
            "stopresendingafterxdays/months: not both set, so PyBitmessage resent for ever; here"
                + " resending stops after the default 365 days");
      }
      limit("maxacceptablenoncetrialsperbyte", "max-acceptable-nonce-trials-per-byte");
      limit("maxacceptablepayloadlengthextrabytes", "max-acceptable-payload-length-extra-bytes");
    }

    private void limit(String key, String ours) {
      number(key)
          .ifPresent(
              n -> {
                if (n > 0) {
                  config.add(new ConfigValue(ours, n.toString(), key));
                }
              });
    }

    private Optional<Long> number(String key) {
      String v = s.get(key);
      if (v == null || v.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(Long.parseLong(v));
      } catch (NumberFormatException e) {
        skipped.add(key + ": not a whole number: " + v);
        return Optional.empty();
      }
    }

    private boolean bool(String key) {
      return Set.of("1", "yes", "true", "on")
          .contains(s.getOrDefault(key, "").toLowerCase(Locale.ROOT));
    }

    private static boolean decimal(String v) {
      try {
        return Double.parseDouble(v) >= 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
  }

  private static Map<String, String> reasons() {
    Map<String, String> m = new LinkedHashMap<>();
    String gui = "a setting of PyBitmessage's window; there is none here";
    for (String k :
        List.of(
            "minimizetotray",
            "startonlogon",
            "showtraynotifications",
            "startintray",
            "minimizeonclose",
            "trayonclose",
            "replybelow",
            "timeformat",
            "userlocale",
            "useidenticons",
            "identiconsuffix",
            "hidetrayconnectionnotifications",
            "willinglysendtomobile",
            "dialogs")) {
      m.put(k, gui);
    }
    String proxy = "SOCKS proxies and onion services are not supported here";
    for (String k :
        List.of(
            "socksproxytype",
            "sockshostname",
            "socksport",
            "socksauthentication",
            "socksusername",
            "sockspassword",
            "sockslisten",
            "onionhostname",
            "onionport",
            "onionbindip",
            "onionservicesonly")) {
      m.put(k, proxy);
    }
    m.put("maxdownloadrate", "no bandwidth limits here");
    m.put("maxuploadrate", "no bandwidth limits here");
    m.put("udp", "no LAN announcements here");
    m.put("upnp", "no UPnP here");
    m.put("keysencrypted", "never implemented by PyBitmessage; use --key-passphrase-file");
    m.put("messagesencrypted", "never implemented by PyBitmessage");
    String difficulty =
        "new addresses demand the network minimum here; createRandomAddress and"
            + " createDeterministicAddresses take a difficulty per address";
    m.put("defaultnoncetrialsperbyte", difficulty);
    m.put("defaultpayloadlengthextrabytes", difficulty);
    m.put("dontconnect", "the node always connects (use --connect or --client-only)");
    m.put("sendoutgoingconnections", "the node always connects (use --connect or --client-only)");
    m.put("maxtotalconnections", "use --max-inbound");
    m.put("maxbootstrapconnections", "fixed here");
    m.put("maxaddrperstreamsend", "fixed here (500, as PyBitmessage's default)");
    m.put("smtpdeliver", "no SMTP gateway here");
    m.put("opencl", "proof of work goes to --pow-service or the CPU");
    m.put("powsolver", "proof of work goes to --pow-service or the CPU");
    String namecoin = "give bm resolve --namecoin-url, --namecoin-user, --namecoin-password";
    for (String k :
        List.of(
            "namecoinrpctype",
            "namecoinrpchost",
            "namecoinrpcport",
            "namecoinrpcuser",
            "namecoinrpcpassword")) {
      m.put(k, namecoin);
    }
    return Map.copyOf(m);
  }
}
