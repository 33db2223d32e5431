package dev.castellan.server.oracle;

import dev.castellan.attestation.TeeDevice;
import dev.castellan.attestation.binding.KeyBinding;
import dev.castellan.attestation.binding.UserData;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.core.signature.Ed25519PrivateKey;
import dev.castellan.core.signature.Secp256k1PrivateKey;
import dev.castellan.keys.MeasurementSealer;
import dev.castellan.keys.SealedKeyStore;
import dev.castellan.keys.Sealer;
import dev.castellan.log.LocalLog;
import dev.castellan.log.LogException;
import dev.castellan.log.LogMetrics;
import dev.castellan.log.LogOptions;
import dev.castellan.log.TransparencyLog;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.ServerMetrics;
import dev.castellan.server.auth.Authorizer;
import dev.castellan.server.auth.NoAuthorization;
import dev.castellan.server.auth.ServiceTokens;
import dev.castellan.server.http.HttpService;
import dev.castellan.server.http.Route;
import dev.castellan.server.http.Router;
import dev.castellan.server.log.LogApi;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The attested signing oracle (seed 001, generalised to any {@link TeeDevice}). Boot, each
 * step logged without secrets:
 *
 * <ol>
 *   <li>measure: read the device's launch measurement;
 *   <li>signing key: unseal it from {@code <data>/keys/signing-key.sealed}, or on first boot
 *       generate a secp256k1 key and seal it to the measurement; a changed measurement fails
 *       the boot, never makes a new key;
 *   <li>bind: {@link TeeDevice#bindSigningKey} with SHA-256 of the compressed public key (Nitro:
 *       PCR16 = SHA-384(0^48 ‖ SHA-256(pk)), then locked);
 *   <li>per-boot attestation key and TLS key, their hashes in the user data ({@link UserData});
 *   <li>open the transparency log in {@code <data>/log};
 *   <li>serve, signing every response with the attestation key.
 * </ol>
 */
public final class Oracle implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Oracle.class.getName());
  static final String SIGNING_KEY_FILE = "keys/signing-key.sealed";

  /** Who may sign and append: capability tokens (the default) or, for experiments, anyone. */
  public enum Access {
    TOKENS,
    /** {@code --no-auth}: every signing and appending request is allowed, and logged as such. */
    OPEN
  }

  private final HttpService http;
  private final TransparencyLog log;
  private final Secp256k1PrivateKey signingKey;
  private final TlsIdentity tls;
  private final ServiceTokens tokens; // null when Access.OPEN
  private final List<OracleExtension> extensions;

  private Oracle(HttpService http, TransparencyLog log, Secp256k1PrivateKey signingKey, TlsIdentity tls, ServiceTokens tokens,
      List<OracleExtension> extensions) {
    this.http = http;
    this.log = log;
    this.signingKey = signingKey;
    this.tls = tls;
    this.tokens = tokens;
    this.extensions = extensions;
  }

  /**
   * The listening port and the per-boot TLS identity, before anything is created or unsealed:
   * binding first means a busy port fails before the boot touches the data directory. Until
   * {@link #boot(Bound, TeeDevice, OracleInfo, Clock, SecureRandom)} it answers 503.
   */
  public static final class Bound implements AutoCloseable {
    private final ServerConfig config;
    private final HttpService http;
    private final TlsIdentity tls;

    private Bound(ServerConfig config, HttpService http, TlsIdentity tls) {
      this.config = config;
      this.http = http;
      this.tls = tls;
    }

    public int port() {
      return http.port();
    }

    @Override
    public void close() {
      http.close();
    }
  }

  /** Binds {@code config}'s address and port; a busy port is a {@link java.net.BindException} naming it. */
  public static Bound bind(ServerConfig config, Clock clock, SecureRandom random) throws IOException, GeneralSecurityException {
    TlsIdentity tls = TlsIdentity.generate(random, clock);
    if (config.tls()) {
      TlsIdentity.rejectRenegotiation();
    }
    HttpService http = HttpService.bind(config.bind(), config.port(), config.tls() ? tls.sslContext() : null,
        tls.sslParameters(), config.limits());
    return new Bound(config, http, tls);
  }

  /** Binds, runs the boot sequence and starts serving; {@link #close()} stops it. */
  public static Oracle boot(
      ServerConfig config, TeeDevice device, OracleInfo info, Clock clock, SecureRandom random)
      throws IOException, GeneralSecurityException {
    return boot(bind(config, clock, random), device, info, clock, random);
  }

  /** Runs the boot sequence behind an already bound port, with tokens required ({@link Access#TOKENS}). */
  public static Oracle boot(Bound bound, TeeDevice device, OracleInfo info, Clock clock, SecureRandom random)
      throws IOException, GeneralSecurityException {
    return boot(bound, device, info, Access.TOKENS, clock, random);
  }

  /** Runs the boot sequence behind an already bound port; on failure the port is released. */
  public static Oracle boot(Bound bound, TeeDevice device, OracleInfo info, Access access, Clock clock, SecureRandom random)
      throws IOException, GeneralSecurityException {
    return boot(bound, device, Optional.empty(), info, access, ServiceTokens.Schedule.DEFAULT, clock, random);
  }

  /**
   * Runs the boot sequence with {@code signingKeySealer} sealing the signing key (e.g. a {@code
   * BrokerSealer}: {@code castellan up --sealing broker:URL}); empty: the device's {@link
   * #sealer}. The oracle's other keys (record key, token authority) stay with the device's
   * sealer: they are per-installation keys, not the identity the seed's KMS protects.
   */
  public static Oracle boot(Bound bound, TeeDevice device, Optional<Sealer> signingKeySealer, OracleInfo info,
      Access access, Clock clock, SecureRandom random) throws IOException, GeneralSecurityException {
    return boot(bound, device, signingKeySealer, info, access, List.of(), clock, random);
  }

  /**
   * As above, with {@code extensions} served beside the oracle's own routes ({@link
   * OracleExtension}); the oracle closes them when it closes, and on a failed boot.
   */
  public static Oracle boot(Bound bound, TeeDevice device, Optional<Sealer> signingKeySealer, OracleInfo info,
      Access access, List<OracleExtension> extensions, Clock clock, SecureRandom random)
      throws IOException, GeneralSecurityException {
    return boot(bound, device, signingKeySealer, info, access, extensions, ServiceTokens.Schedule.DEFAULT, clock, random);
  }

  /** As above with the token duties on {@code schedule} (tests slow the heartbeat down to see the watch alone). */
  static Oracle boot(Bound bound, TeeDevice device, Optional<Sealer> signingKeySealer, OracleInfo info, Access access,
      ServiceTokens.Schedule schedule, Clock clock, SecureRandom random) throws IOException, GeneralSecurityException {
    return boot(bound, device, signingKeySealer, info, access, List.of(), schedule, clock, random);
  }

  private static Oracle boot(Bound bound, TeeDevice device, Optional<Sealer> signingKeySealer, OracleInfo info,
      Access access, List<OracleExtension> extensions, ServiceTokens.Schedule schedule, Clock clock, SecureRandom random)
      throws IOException, GeneralSecurityException {
    List<OracleExtension> mounted = List.copyOf(extensions);
    try {
      return bootBound(bound, device, signingKeySealer, info, access, mounted, schedule, clock, random);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      bound.close();
      closeAll(mounted);
      throw e;
    }
  }

  private static Oracle bootBound(Bound bound, TeeDevice device, Optional<Sealer> signingKeySealer, OracleInfo info,
      Access access, List<OracleExtension> extensions, ServiceTokens.Schedule schedule, Clock clock, SecureRandom random)
      throws IOException, GeneralSecurityException {
    ServerConfig config = bound.config;
    byte[] measurement = device.measurement();
    LOG.log(System.Logger.Level.INFO, "measured {0} launch state: {1}{2}", device.platform(),
        Hex.encode(measurement), device.simulated() ? " (simulated)" : "");

    Path keyFile = config.dataDirectory().resolve(SIGNING_KEY_FILE);
    Sealer sealer = sealer(device, random);
    SealedKeyStore store = new SealedKeyStore(keyFile, signingKeySealer.orElse(sealer));
    SealedKeyStore.Loaded loaded = store.loadOrGenerate(() -> Secp256k1PrivateKey.generate(random).scalar());
    Secp256k1PrivateKey signingKey = Secp256k1PrivateKey.fromScalar(loaded.secret());
    byte[] publicKey = signingKey.publicKey().toBytes();
    LOG.log(System.Logger.Level.INFO, "{0} signing key {1} ({2})", loaded.created() ? "generated and sealed" : "unsealed",
        Hex.encode(publicKey), keyFile);

    device.bindSigningKey(KeyBinding.keyHash(publicKey));
    LOG.log(System.Logger.Level.INFO, "bound the signing key into the {0} measurement", device.platform());

    Secp256k1PrivateKey attestationKey = Secp256k1PrivateKey.generate(random);
    TlsIdentity tls = bound.tls;
    UserData bootUserData = new UserData(tls.keyHash(), HashAlgorithm.SHA_256.hash(attestationKey.publicKey().toBytes()));
    byte[] userData = bootUserData.encode();
    ApplicationKeySlot applicationKey = new ApplicationKeySlot();
    LOG.log(System.Logger.Level.INFO, "per-boot attestation key {0}; TLS key hash {1}",
        Hex.encode(attestationKey.publicKey().toBytes()), Hex.encode(tls.keyHash()));

    TransparencyLog log;
    try {
      log = LocalLog.open(config.dataDirectory(), LocalLog.DEFAULT_ORIGIN, LogOptions.DEFAULTS, new LogMetrics());
    } catch (LogException e) {
      throw new IOException("cannot open the log in " + config.dataDirectory() + ": " + e.getMessage(), e);
    }
    LOG.log(System.Logger.Level.INFO, "log {0} open with {1} records", log.origin(), log.size());
    ServiceTokens tokens = null;
    try {
      ServerMetrics metrics = new ServerMetrics();
      metrics.register(log.metrics());
      Ed25519PrivateKey recordKey = RecordKey.loadOrGenerate(config.dataDirectory(), sealer, random);
      Authorizer authorizer;
      if (access == Access.TOKENS) {
        tokens = ServiceTokens.start(OracleTokens.PROFILE, config.dataDirectory(), sealer, schedule, maxLongPolls(config), clock,
            random);
        authorizer = tokens.authorizer();
        LOG.log(System.Logger.Level.INFO, "signing and appending need a capability token; the operator''s is renewed in {0}",
            tokens.bootstrapFile());
      } else {
        authorizer = new NoAuthorization();
        LOG.log(System.Logger.Level.WARNING, "--no-auth: anyone who reaches this port can sign with the key and append to the log");
      }
      OracleApi api = new OracleApi(
          device, info, signingKey, attestationKey, bootUserData, applicationKey, metrics, log, recordKey, authorizer, clock, random);
      List<Route> routes = new ArrayList<>(api.routes(config.maxBodyBytes()));
      routes.addAll(tokens == null ? TokensApi.absent()
          : new TokensApi(tokens, LongPollQuery.maxWait(config.limits().idleTimeout())).routes());
      routes.addAll(new LogApi(log, LocalLog.logDirectory(config.dataDirectory()).resolve("tiles"), authorizer).routes());
      OracleContext context = new OracleContext(config, device, userData, log, authorizer, sealer, metrics, clock, random,
          applicationKey);
      for (OracleExtension extension : extensions) {
        addExtensionRoutes(routes, extension.routes(context));
      }
      Router.Observer observer = (route, status, nanos) -> {
        metrics.request(route, status, nanos);
        if (status >= 500 && status != 503) {
          metrics.failure("http_5xx");
        }
      };
      Router router = new Router(routes, new AttestationKeySigner(attestationKey, random, clock), observer,
          config.requestPolicy(), config.limits().maxHeaderCount());
      HttpService http = bound.http;
      http.serve(router);
      LOG.log(System.Logger.Level.INFO, "serving on {0}", http.baseUrl());
      return new Oracle(http, log, signingKey, tls, tokens, extensions);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      if (tokens != null) {
        tokens.close();
      }
      log.close();
      throw e;
    }
  }

  private static void addExtensionRoutes(List<Route> routes, List<Route> added) {
    for (Route route : added) {
      for (Route existing : routes) {
        if (existing.method().equals(route.method()) && existing.path().equals(route.path())
            && existing.prefix() == route.prefix()) {
          throw new IllegalArgumentException("an extension's route " + route.method() + " " + route.path()
              + " is already served");
        }
      }
      routes.add(route);
    }
  }

  private static void closeAll(List<OracleExtension> extensions) {
    for (OracleExtension extension : extensions) {
      try {
        extension.close();
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "closing {0} failed: {1}", extension.getClass().getSimpleName(), e.getMessage());
      }
    }
  }

  /**
   * Long polls that may wait at once: half the connection cap (256 of 512 by default), so
   * subscribers can never hold every connection and the other routes stay reachable.
   */
  static int maxLongPolls(ServerConfig config) {
    return Math.max(1, config.limits().maxConnections() / 2);
  }

  public String baseUrl() {
    return http.baseUrl();
  }

  public int port() {
    return http.port();
  }

  /** The compressed SEC1 signing public key. */
  public byte[] signingPublicKey() {
    return signingKey.publicKey().toBytes();
  }

  public TlsIdentity tls() {
    return tls;
  }

  /** The oracle's transparency log. */
  public TransparencyLog log() {
    return log;
  }

  /**
   * The file holding the operator's current capability token (renewed every minute), or
   * empty with {@link Access#OPEN}.
   */
  public java.util.Optional<Path> operatorTokenFile() {
    return tokens == null ? java.util.Optional.empty() : java.util.Optional.of(tokens.bootstrapFile());
  }

  /** The audience of the oracle's capability tokens. */
  public static final String TOKEN_AUDIENCE = OracleTokens.AUDIENCE;

  /**
   * What the oracle seals its keys with on {@code device}: its sealing secret and its
   * measurement; whatever else the oracle's build seals (operators' TOTP secrets) uses it too.
   */
  public static Sealer sealer(TeeDevice device, SecureRandom random) throws GeneralSecurityException {
    return MeasurementSealer.create(device.sealingSecret(), device.measurement(), random);
  }

  /**
   * The token authority of an oracle's data directory, opened as the oracle opens it: its
   * key unseals only on the device and build the oracle ran ({@code castellan tokens issue}).
   *
   * @throws IOException if there is no authority yet (the oracle has not booted there)
   */
  public static dev.castellan.authority.LocalAuthority openAuthority(
      Path dataDirectory, TeeDevice device, Clock clock, SecureRandom random) throws IOException, GeneralSecurityException {
    Path keySet = dataDirectory.resolve(dev.castellan.authority.LocalAuthority.DIRECTORY)
        .resolve(dev.castellan.authority.LocalAuthority.KEY_SET_FILE);
    if (!java.nio.file.Files.exists(keySet)) {
      throw new IOException("no token authority in " + dataDirectory + " (no " + keySet + "): boot the oracle there first"
          + " with 'castellan up --data " + dataDirectory + "'");
    }
    try {
      return dev.castellan.authority.LocalAuthority.open(dataDirectory, sealer(device, random), OracleTokens.ISSUER, clock, random);
    } catch (dev.castellan.authority.acl.AclFormatException e) {
      throw new IOException("the token authority's ACL is not valid: " + e.getMessage(), e);
    }
  }

  /**
   * Rotates the signing key of an oracle's token authority ({@code castellan tokens rotate});
   * a running oracle follows within 15 seconds, and tokens of the previous key stay valid
   * for the overlap.
   *
   * @return the new key set
   */
  public static dev.castellan.tokens.KeySet rotateAuthority(
      Path dataDirectory, TeeDevice device, Clock clock, SecureRandom random) throws IOException, GeneralSecurityException {
    return openAuthority(dataDirectory, device, clock, random).rotate(sealer(device, random));
  }

  /** The token machinery, for tests in this package; null with {@code Access#OPEN}. */
  ServiceTokens tokens() {
    return tokens;
  }

  /**
   * Answers the waiting long polls and stops the token duties, stops serving, then closes the
   * log (pending appends complete first).
   */
  @Override
  public void close() {
    if (tokens != null) {
      tokens.close();
    }
    http.close();
    closeAll(extensions);
    try {
      log.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "closing the log failed: {0}", e.getMessage());
    }
  }
}
