package dev.castellan.server.auth;

import dev.castellan.authority.IssueDeniedException;
import dev.castellan.authority.LocalAuthority;
import dev.castellan.authority.RevokedTokens;
import dev.castellan.authority.acl.AclFormatException;
import dev.castellan.keys.SealedFile;
import dev.castellan.keys.Sealer;
import dev.castellan.tokens.RevocationList;
import dev.castellan.tokens.TokenVerifier;
import dev.castellan.tokens.VerifierOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Capability tokens for a service's protected routes (the oracle's signing and appending,
 * docs/http-api.md "Authorization"; the broker's administration, docs/broker.md): the data
 * directory's {@link LocalAuthority} issues them, the service verifies them with the
 * authority's key set as bearer tokens for its {@link Profile#audience()}, rate limited per
 * token. In the background:
 *
 * <ul>
 *   <li>every {@link Schedule#revocationEvery} (15 s) the authority signs a fresh revocation
 *       list with the revoked token ids ({@code authority/revoked.txt}), which the verifier
 *       requires to be at most 10 minutes old (if signing stops, tokens stop): the freshness
 *       heartbeat. Every {@link Schedule#watchEvery} (1 s) the file is checked for a change
 *       ({@link FileState}, a stat, not a read); a change is signed at once, so {@code
 *       castellan tokens revoke} takes effect within {@link #REVOCATION_WITHIN};
 *   <li>every list is installed in the oracle's own verifier first and then published to
 *       {@link #revocations()}, where long-poll subscribers wait for it; a list the verifier
 *       refuses is never published;
 *   <li>every {@link #BOOTSTRAP_EVERY} the operator's token in {@value #BOOTSTRAP_FILE} (0600,
 *       in {@code <data>/authority/}) is replaced by a new one valid for {@link
 *       #BOOTSTRAP_LIFETIME}, as notebook servers write their token: whoever can read the file
 *       is the operator. Tokens stay short-lived; the file stays current. Each is first a
 *       {@code token.issue} record (actor {@link Profile#auditActor()}) in the authority's audit log
 *       ({@link LocalAuthority#audit}).
 * </ul>
 */
public final class ServiceTokens implements AutoCloseable {
  /**
   * What distinguishes one service's tokens from another's.
   *
   * @param audience the {@code aud} its tokens must name ({@code castellan-oracle}, {@code castellan-broker})
   * @param issuer the authority's issuer name
   * @param operatorScopes the scopes of the operator's bootstrap token (the ACL must grant them)
   * @param auditActor the actor of the audit records of the bootstrap tokens
   */
  public record Profile(String audience, String issuer, List<String> operatorScopes, String auditActor) {
    public Profile {
      operatorScopes = List.copyOf(operatorScopes);
    }
  }

  public static final String BOOTSTRAP_FILE = "bootstrap.token";
  static final Duration BOOTSTRAP_LIFETIME = Duration.ofMinutes(5);
  static final Duration BOOTSTRAP_EVERY = Duration.ofMinutes(1);
  /** A revocation ({@code castellan tokens revoke}) takes effect within this: one watch period and the signing. */
  public static final Duration REVOCATION_WITHIN = Duration.ofSeconds(2);
  /** Per token: 100 requests a second, bursts of 200; 10,000 tokens tracked. */
  static final double REQUESTS_PER_SECOND = 100;
  static final int BURST = 200;

  private static final System.Logger LOG = System.getLogger(ServiceTokens.class.getName());

  /**
   * How often the background duties run.
   *
   * @param revocationEvery the heartbeat: a fresh list (and a look for a rotated key set)
   * @param watchEvery how often {@code revoked.txt} is checked for a change
   */
  public record Schedule(Duration revocationEvery, Duration watchEvery) {
    /** The heartbeat every 15 s, the watch every second. */
    public static final Schedule DEFAULT = new Schedule(Duration.ofSeconds(15), Duration.ofSeconds(1));

    public Schedule {
      if (revocationEvery.toMillis() < 1 || watchEvery.toMillis() < 1) {
        throw new IllegalArgumentException("the background periods must be at least a millisecond");
      }
    }
  }

  private final Profile profile;
  private final TokenAuthorizer authorizer;
  private final Path bootstrapFile;
  private final ScheduledExecutorService background;
  private final Path dataDirectory;
  private final Sealer sealer;
  private final Clock clock;
  private final SecureRandom random;
  private final RevocationFeed revocations;
  private final Path revokedFile;
  /** What {@code revoked.txt} looked like when the current list was signed; only the background thread uses it. */
  private Optional<FileState> revokedSeen = Optional.empty();
  /** Replaced when the authority rotates its key ({@link #followRotation}). */
  private volatile LocalAuthority authority;
  private volatile byte[] keySetDocument;

  private ServiceTokens(Profile profile, LocalAuthority authority, TokenAuthorizer authorizer, Path bootstrapFile,
      Path dataDirectory, Sealer sealer, Clock clock, SecureRandom random, RevocationFeed revocations) {
    this.profile = profile;
    this.authority = authority;
    this.revocations = revocations;
    this.revokedFile = authority.directory().resolve(RevokedTokens.FILE);
    this.keySetDocument = authority.keySetDocument();
    this.authorizer = authorizer;
    this.bootstrapFile = bootstrapFile;
    this.dataDirectory = dataDirectory;
    this.sealer = sealer;
    this.clock = clock;
    this.random = random;
    this.background = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "castellan-tokens");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Opens the data directory's authority, signs and publishes the first revocation list, and
   * starts the background duties; at most {@code maxWaiters} long polls wait at once.
   */
  public static ServiceTokens start(Profile profile, Path dataDirectory, Sealer sealer, Schedule schedule, int maxWaiters,
      Clock clock, SecureRandom random) throws IOException, GeneralSecurityException {
    LocalAuthority authority;
    try {
      authority = LocalAuthority.open(dataDirectory, sealer, profile.issuer(), clock, random);
    } catch (AclFormatException e) {
      throw new IOException("the token authority's ACL is not valid: " + e.getMessage(), e);
    }
    TokenVerifier verifier = TokenVerifier.create(authority.keySet(), VerifierOptions.defaults().withReusableTokens());
    TokenAuthorizer authorizer = new TokenAuthorizer(
        verifier, profile.audience(), new RateLimiter(REQUESTS_PER_SECOND, BURST, 10_000, clock), clock);
    ServiceTokens tokens = new ServiceTokens(profile, authority, authorizer,
        dataDirectory.resolve(LocalAuthority.DIRECTORY).resolve(BOOTSTRAP_FILE), dataDirectory, sealer, clock, random,
        new RevocationFeed(maxWaiters));
    tokens.renewRevocationListNow(clock);
    tokens.renewBootstrapToken();
    tokens.background.scheduleWithFixedDelay(tokens::renewBootstrapTokenQuietly,
        BOOTSTRAP_EVERY.toSeconds(), BOOTSTRAP_EVERY.toSeconds(), TimeUnit.SECONDS);
    long heartbeat = schedule.revocationEvery().toMillis();
    tokens.background.scheduleWithFixedDelay(() -> tokens.renewRevocationList(clock), heartbeat, heartbeat,
        TimeUnit.MILLISECONDS);
    long watch = schedule.watchEvery().toMillis();
    tokens.background.scheduleWithFixedDelay(() -> tokens.watchRevocations(clock), watch, watch, TimeUnit.MILLISECONDS);
    return tokens;
  }

  public LocalAuthority authority() {
    return authority;
  }

  public TokenAuthorizer authorizer() {
    return authorizer;
  }

  /** Where the operator's current token is. */
  public Path bootstrapFile() {
    return bootstrapFile;
  }

  /** The revocation lists as published, and their long-poll waiters. */
  public RevocationFeed revocations() {
    return revocations;
  }

  /** The authority's signed key set document as the oracle trusts it now (the rotated one once followed). */
  public byte[] keySetDocument() {
    return keySetDocument.clone();
  }

  /**
   * Signs a fresh revocation list now, installs it in the oracle's verifier and then publishes
   * it (so subscribers never see a list the oracle itself refused). Synchronized: the
   * heartbeat, the watch and tests may call it; versions only grow.
   */
  public synchronized void renewRevocationListNow(Clock clock) throws IOException, GeneralSecurityException {
    Optional<FileState> seen = FileState.of(revokedFile);
    byte[] document = authority.revocationList();
    RevocationList list = authorizer.verifier().updateRevocationList(document, clock.instant());
    revocations.publish(list.version(), document);
    revokedSeen = seen;
  }

  /** Issues the operator's token and replaces the file atomically; a denial (an edited ACL) removes it. */
  public void renewBootstrapToken() throws IOException, GeneralSecurityException {
    try {
      byte[] token = authority.issue(
          LocalAuthority.OPERATOR, profile.operatorScopes(), profile.audience(), BOOTSTRAP_LIFETIME);
      var claims = dev.castellan.tokens.CapabilityToken.decode(token).claims();
      // On the authority's audit record before it is handed out, like every token it issues.
      authority.audit(dev.castellan.authority.service.AuditEvent.of(profile.auditActor(), "token.issue",
          java.util.Optional.of(LocalAuthority.OPERATOR), "ok", "purpose", "bootstrap", "scopes", String.join(",", claims.scope()),
          "jti", dev.castellan.core.bytes.Hex.encode(claims.tokenId()), "expires_at", claims.expiresAt().toString()), sealer);
      SealedFile.writeAtomically(bootstrapFile,
          (Base64.getUrlEncoder().withoutPadding().encodeToString(token) + "\n").getBytes(StandardCharsets.US_ASCII));
    } catch (IssueDeniedException e) {
      Files.deleteIfExists(bootstrapFile);
      LOG.log(System.Logger.Level.WARNING, "no operator token: the authority denies it ({0})", e.getMessage());
    }
  }

  private void renewBootstrapTokenQuietly() {
    try {
      renewBootstrapToken();
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "renewing the operator token failed: {0}", e.getClass().getSimpleName());
    }
  }

  /**
   * If the authority's key set changed on disk ({@code castellan tokens rotate}), takes it as
   * an update (it must be signed by the outgoing and the new key), reopens the authority to
   * issue with the new key, and renews the operator's token. Tokens of the previous key stay
   * valid for the verifier's overlap, so no request is lost.
   */
  public synchronized void followRotation() throws IOException, GeneralSecurityException {
    byte[] onDisk = Files.readAllBytes(authority.directory().resolve(LocalAuthority.KEY_SET_FILE));
    if (java.util.Arrays.equals(onDisk, keySetDocument)) {
      return;
    }
    authorizer.verifier().updateKeySet(onDisk);
    try {
      authority = LocalAuthority.open(dataDirectory, sealer, profile.issuer(), clock, random);
    } catch (AclFormatException e) {
      throw new IOException("the token authority's ACL is not valid: " + e.getMessage(), e);
    }
    keySetDocument = onDisk;
    LOG.log(System.Logger.Level.INFO, "the token authority rotated to key {0} (key set version {1})",
        authority.keySet().activeKeyId(), authority.keySet().version());
    renewBootstrapToken();
  }

  private void renewRevocationList(Clock clock) {
    try {
      followRotation();
      renewRevocationListNow(clock);
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "renewing the revocation list failed ({0}); tokens stop being"
          + " accepted 10 minutes after the last good one", e.getClass().getSimpleName());
    }
  }

  /**
   * Signs at once if {@code revoked.txt} changed since the current list was signed. A change
   * counts as seen even if signing fails (a malformed file is reported once, not every
   * second); the heartbeat retries.
   */
  public synchronized void watchRevocations(Clock clock) {
    try {
      Optional<FileState> now = FileState.of(revokedFile);
      if (now.equals(revokedSeen)) {
        return;
      }
      revokedSeen = now;
      renewRevocationListNow(clock);
      LOG.log(System.Logger.Level.INFO, "{0} changed: signed revocation list version {1}", RevokedTokens.FILE,
          Long.toString(revocations.current().version()));
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "signing the changed revocation list failed: {0}", e.getMessage());
    } catch (GeneralSecurityException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "signing the changed revocation list failed ({0})", e.getClass().getSimpleName());
    }
  }

  /** Stops the background duties and answers every waiting long poll. */
  @Override
  public void close() {
    background.shutdownNow();
    revocations.close();
  }
}
