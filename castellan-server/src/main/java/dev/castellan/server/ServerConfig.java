package dev.castellan.server;

import dev.castellan.server.http.HttpLimits;
import dev.castellan.server.http.RequestPolicy;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * How the oracle runs. Immutable, with secure defaults: loopback only, TLS on, bounded
 * request bodies, connections and headers, no cross-origin callers. Sources, lowest
 * precedence first: the defaults, a properties file, then {@code CASTELLAN_*} environment
 * variables; command-line flags override all of them. docs/http-api.md lists the same.
 *
 * <pre>
 * key                          env                                   default
 * bind                         CASTELLAN_BIND                        127.0.0.1
 * port                         CASTELLAN_PORT                        8443
 * data                         CASTELLAN_DATA                        ./castellan-data
 * tls                          CASTELLAN_TLS                         true   (false serves plain HTTP: explicit only)
 * max-body-bytes               CASTELLAN_MAX_BODY_BYTES              65536
 * allowed-hosts                CASTELLAN_ALLOWED_HOSTS               (empty: the bind address, localhost, 127.0.0.1, [::1])
 * allowed-origins              CASTELLAN_ALLOWED_ORIGINS             (empty: every request with an Origin is refused)
 * read-timeout-seconds         CASTELLAN_READ_TIMEOUT_SECONDS        10
 * idle-timeout-seconds         CASTELLAN_IDLE_TIMEOUT_SECONDS        30
 * max-connections              CASTELLAN_MAX_CONNECTIONS             512
 * max-connections-per-address  CASTELLAN_MAX_CONNECTIONS_PER_ADDRESS 64
 * max-header-bytes             CASTELLAN_MAX_HEADER_BYTES            8192
 * max-header-count             CASTELLAN_MAX_HEADER_COUNT            64
 * </pre>
 *
 * Lists are comma-separated. Host names are matched with the listener's port ({@code
 * localhost:8443}); origins exactly ({@code https://console.example}).
 */
public record ServerConfig(
    String bind,
    int port,
    Path dataDirectory,
    boolean tls,
    int maxBodyBytes,
    HttpLimits limits,
    Set<String> allowedHosts,
    Set<String> allowedOrigins) {
  /** 64 KiB: a sign request is a payload of at most this size plus JSON framing. */
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  /** 16 MiB: no endpoint needs more, and a larger limit is an easy memory exhaustion. */
  public static final int MAX_BODY_BYTES_CEILING = 16 * 1024 * 1024;

  private static final Set<String> KEYS = Set.of("bind", "port", "data", "tls", "max-body-bytes", "allowed-hosts",
      "allowed-origins", "read-timeout-seconds", "idle-timeout-seconds", "max-connections",
      "max-connections-per-address", "max-header-bytes", "max-header-count");

  public ServerConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
    }
    if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_BYTES_CEILING) {
      throw new IllegalArgumentException(
          "max-body-bytes must be 1 to " + MAX_BODY_BYTES_CEILING + ", got " + maxBodyBytes);
    }
    if (bind == null || bind.isBlank()) {
      throw new IllegalArgumentException("bind address must not be empty");
    }
    allowedHosts = Set.copyOf(allowedHosts);
    allowedOrigins = Set.copyOf(allowedOrigins);
  }

  public ServerConfig(String bind, int port, Path dataDirectory, boolean tls, int maxBodyBytes) {
    this(bind, port, dataDirectory, tls, maxBodyBytes, HttpLimits.DEFAULTS, Set.of(), Set.of());
  }

  public static ServerConfig defaults() {
    return new ServerConfig("127.0.0.1", 8443, Path.of("castellan-data"), true, DEFAULT_MAX_BODY_BYTES);
  }

  /** Who may address the server: {@code allowedHosts} or the bind address and loopback names. */
  public RequestPolicy requestPolicy() {
    RequestPolicy base = RequestPolicy.forBind(bind);
    return new RequestPolicy(allowedHosts.isEmpty() ? base.hosts() : allowedHosts, allowedOrigins);
  }

  /** Defaults, overridden by {@code file} (if given) and then by {@code environment}. */
  public static ServerConfig load(Path file, Map<String, String> environment) throws IOException {
    Properties values = new Properties();
    if (file != null) {
      try (Reader reader = Files.newBufferedReader(file)) {
        values.load(reader);
      }
      for (String key : values.stringPropertyNames()) {
        if (!KEYS.contains(key)) {
          throw new IllegalArgumentException(
              "unknown setting '" + key + "' in " + file + " (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
        }
      }
    }
    for (String key : KEYS) {
      String env = environment.get("CASTELLAN_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
      if (env != null) {
        values.setProperty(key, env);
      }
    }
    ServerConfig d = defaults();
    HttpLimits l = HttpLimits.DEFAULTS;
    HttpLimits limits = new HttpLimits(
        Duration.ofSeconds(parseInt(values, "read-timeout-seconds", (int) l.readTimeout().toSeconds())),
        Duration.ofSeconds(parseInt(values, "idle-timeout-seconds", (int) l.idleTimeout().toSeconds())),
        parseInt(values, "max-connections", l.maxConnections()),
        parseInt(values, "max-connections-per-address", l.maxConnectionsPerAddress()),
        l.maxRequestLineBytes(),
        parseInt(values, "max-header-bytes", l.maxHeaderBytes()),
        parseInt(values, "max-header-count", l.maxHeaderCount()),
        l.maxPayloadBytes());
    return new ServerConfig(
        values.getProperty("bind", d.bind()),
        parseInt(values, "port", d.port()),
        Path.of(values.getProperty("data", d.dataDirectory().toString())),
        parseBoolean(values, "tls", d.tls()),
        parseInt(values, "max-body-bytes", d.maxBodyBytes()),
        limits,
        parseList(values, "allowed-hosts"),
        parseList(values, "allowed-origins"));
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(bind, newPort, dataDirectory, tls, maxBodyBytes, limits, allowedHosts, allowedOrigins);
  }

  public ServerConfig withDataDirectory(Path directory) {
    return new ServerConfig(bind, port, directory, tls, maxBodyBytes, limits, allowedHosts, allowedOrigins);
  }

  public ServerConfig withTls(boolean enabled) {
    return new ServerConfig(bind, port, dataDirectory, enabled, maxBodyBytes, limits, allowedHosts, allowedOrigins);
  }

  public ServerConfig withBind(String address) {
    return new ServerConfig(address, port, dataDirectory, tls, maxBodyBytes, limits, allowedHosts, allowedOrigins);
  }

  public ServerConfig withLimits(HttpLimits newLimits) {
    return new ServerConfig(bind, port, dataDirectory, tls, maxBodyBytes, newLimits, allowedHosts, allowedOrigins);
  }

  public ServerConfig withAllowedOrigins(Set<String> origins) {
    return new ServerConfig(bind, port, dataDirectory, tls, maxBodyBytes, limits, allowedHosts, origins);
  }

  public ServerConfig withAllowedHosts(Set<String> hosts) {
    return new ServerConfig(bind, port, dataDirectory, tls, maxBodyBytes, limits, hosts, allowedOrigins);
  }

  private static Set<String> parseList(Properties values, String key) {
    String value = values.getProperty(key);
    if (value == null || value.isBlank()) {
      return Set.of();
    }
    return Set.copyOf(Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
  }

  private static int parseInt(Properties values, String key, int fallback) {
    String value = values.getProperty(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("setting '" + key + "' must be a whole number");
    }
  }

  private static boolean parseBoolean(Properties values, String key, boolean fallback) {
    String value = values.getProperty(key);
    if (value == null) {
      return fallback;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new IllegalArgumentException("setting '" + key + "' must be true or false");
    };
  }
}
