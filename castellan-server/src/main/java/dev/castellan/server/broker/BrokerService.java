package dev.castellan.server.broker;

import dev.castellan.attestation.VerifierSet;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.signature.Secp256k1PrivateKey;
import dev.castellan.keys.Sealer;
import dev.castellan.keys.broker.KeyBroker;
import dev.castellan.log.LocalLog;
import dev.castellan.log.LogException;
import dev.castellan.log.LogMetrics;
import dev.castellan.log.LogOptions;
import dev.castellan.log.RecordSigner;
import dev.castellan.log.TransparencyLog;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.auth.ServiceTokens;
import dev.castellan.server.http.HttpService;
import dev.castellan.server.http.Route;
import dev.castellan.server.http.Router;
import dev.castellan.server.log.LogApi;
import dev.castellan.server.oracle.AttestationKeySigner;
import dev.castellan.server.oracle.RecordKey;
import dev.castellan.server.oracle.TlsIdentity;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The key broker as a service (docs/broker.md): in its data directory, the keys ({@code
 * broker/keys/}), the decision log ({@code log/}), the token authority ({@code authority/}, with
 * the operator's bootstrap token) and its sealed TLS and record keys ({@code keys/}), all sealed
 * with {@code sealer}. It serves on the oracle's HTTP front: the broker routes, and the log's
 * read routes so anyone can audit its decisions. Every response is signed by a per-boot key, as
 * the oracle's are.
 */
public final class BrokerService implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(BrokerService.class.getName());
  public static final String LOG_ORIGIN = "castellan.local/broker-log";
  static final String KEY_DIRECTORY = "broker/keys";

  private final HttpService http;
  private final TransparencyLog log;
  private final ServiceTokens tokens;
  private final TlsIdentity tls;
  private final KeyBroker broker;
  /** Records the counts of throttled refusals once their window has ended (docs/broker.md, "Throttling"). */
  private final ScheduledExecutorService flusher;

  private BrokerService(HttpService http, TransparencyLog log, ServiceTokens tokens, TlsIdentity tls, KeyBroker broker) {
    this.http = http;
    this.log = log;
    this.tokens = tokens;
    this.tls = tls;
    this.broker = broker;
    this.flusher = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("broker-refusal-summaries").factory());
    long period = KeyBroker.REFUSAL_WINDOW.toMillis();
    flusher.scheduleWithFixedDelay(() -> {
      try {
        broker.flushSuppressed(false);
      } catch (RuntimeException e) { // an exception would cancel the schedule: keep flushing
        LOG.log(System.Logger.Level.WARNING, "recording throttled refusals failed: {0}", e.getMessage());
      }
    }, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Opens everything under {@code config.dataDirectory()} and serves on its bind address and port.
   *
   * @param sealer what the broker seals its own state with (on the simulator: its device
   *     secret and measurement)
   * @param verifiers the verifiers of release and decrypt evidence, with their trust anchors
   */
  public static BrokerService start(ServerConfig config, Sealer sealer, VerifierSet verifiers, Clock clock,
      SecureRandom random) throws IOException, GeneralSecurityException {
    Path data = config.dataDirectory();
    TlsIdentity tls = BrokerTlsKey.loadOrGenerate(data, sealer, random, clock);
    if (config.tls()) {
      TlsIdentity.rejectRenegotiation();
    }
    HttpService http = HttpService.bind(config.bind(), config.port(), config.tls() ? tls.sslContext() : null,
        tls.sslParameters(), config.limits());
    TransparencyLog log = null;
    ServiceTokens tokens = null;
    try {
      try {
        log = LocalLog.open(data, LOG_ORIGIN, LogOptions.DEFAULTS, new LogMetrics());
      } catch (LogException e) {
        throw new IOException("cannot open the broker's log in " + data + ": " + e.getMessage(), e);
      }
      RecordSigner recordSigner = RecordSigner.ed25519(RecordKey.loadOrGenerate(data, sealer, random));
      KeyBroker broker = KeyBroker.open(data.resolve(KEY_DIRECTORY), sealer, LogDecisionLog.open(log, recordSigner),
          verifiers, clock, random);
      BrokerTokens.firstAcl(data);
      // The broker serves no revocation long polls: a small bound for the feed no one waits on.
      tokens = ServiceTokens.start(BrokerTokens.PROFILE, data, sealer, ServiceTokens.Schedule.DEFAULT, 16, clock, random);
      List<Route> routes = new ArrayList<>(new BrokerApi(broker, tokens.authorizer()).routes());
      routes.addAll(new LogApi(log, LocalLog.logDirectory(data).resolve("tiles"), tokens.authorizer()).routes());
      Secp256k1PrivateKey responseKey = Secp256k1PrivateKey.generate(random);
      Router router = new Router(routes, new AttestationKeySigner(responseKey, random, clock), (route, status, nanos) -> {},
          config.requestPolicy(), config.limits().maxHeaderCount());
      http.serve(router);
      LOG.log(System.Logger.Level.INFO, "broker serving on {0} with {1} keys; TLS pin sha256:{2}", http.baseUrl(),
          broker.keyIds().size(), Hex.encode(tls.keyHash()));
      return new BrokerService(http, log, tokens, tls, broker);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      http.close();
      if (tokens != null) {
        tokens.close();
      }
      if (log != null) {
        log.close();
      }
      throw e;
    }
  }

  public String baseUrl() {
    return http.baseUrl();
  }

  public int port() {
    return http.port();
  }

  /** SHA-256 of the TLS certificate's SubjectPublicKeyInfo: what clients pin ({@code --broker-pin}). */
  public byte[] tlsPin() {
    return tls.keyHash();
  }

  /** The file holding the operator's current {@code broker:admin} token (renewed every minute). */
  public Path operatorTokenFile() {
    return tokens.bootstrapFile();
  }

  public TransparencyLog log() {
    return log;
  }

  public KeyBroker broker() {
    return broker;
  }


  @Override
  public void close() {
    http.close();
    flusher.shutdownNow();
    try {
      flusher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    broker.flushSuppressed(true);
    tokens.close();
    try {
      log.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "closing the broker's log failed: {0}", e.getMessage());
    }
  }
}
