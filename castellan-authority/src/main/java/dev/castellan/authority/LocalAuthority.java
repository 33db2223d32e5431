package dev.castellan.authority;

import dev.castellan.authority.acl.AccessPolicy;
import dev.castellan.authority.acl.AccessRequest;
import dev.castellan.authority.acl.Acl;
import dev.castellan.authority.acl.AclFormatException;
import dev.castellan.authority.acl.Decision;
import dev.castellan.authority.acl.Scope;
import dev.castellan.authority.acl.ScopePolicies;
import dev.castellan.authority.service.AuditEvent;
import dev.castellan.authority.service.AuditSpool;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.log.LocalLog;
import dev.castellan.log.LogMetrics;
import dev.castellan.log.LogOptions;
import dev.castellan.log.RecordSigner;
import dev.castellan.log.TransparencyLog;
import dev.castellan.log.storage.LogInUseException;
import dev.castellan.core.signature.EcdsaCurve;
import dev.castellan.core.signature.EcdsaPrivateKey;
import dev.castellan.keys.SealedFile;
import dev.castellan.keys.SealedKeyStore;
import dev.castellan.keys.Sealer;
import dev.castellan.tokens.CapabilityClaims;
import dev.castellan.tokens.CapabilityToken;
import dev.castellan.tokens.KeySet;
import dev.castellan.tokens.KeySetDocument;
import dev.castellan.tokens.RevocationList;
import dev.castellan.tokens.SigningKey;
import dev.castellan.tokens.TrustDocumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A token authority kept in a data directory, for a service that issues its own tokens (the
 * oracle under {@code castellan up}): an ES256 signing key sealed to the measurement, the
 * signed key set that verifiers pin, the ACL, and issuing by the ACL and the scope policies
 * (docs/authority.md, "The local authority"). Everything it writes is public except the
 * sealed key.
 *
 * <p>In {@code <data>/authority/}: {@value #KEY_FILE} (sealed), {@value #KEY_SET_FILE} (the
 * signed key set, version 1, made with the key), {@value #ACL_FILE} (created on first boot
 * granting {@value #OPERATOR} the {@link #OPERATOR_SCOPES}; the operator edits it),
 * optionally {@value #POLICY_FILE} (scope policies; the defaults without it).
 */
public final class LocalAuthority {
  public static final String DIRECTORY = "authority";
  public static final String KEY_FILE = "token-key.sealed";
  public static final String KEY_SET_FILE = "keyset.cbor";
  public static final String ACL_FILE = "acl.json";
  public static final String POLICY_FILE = "scope-policy.json";
  /** The authority's audit log, a transparency log of its own ({@code castellan log verify --data <data>/authority/audit}). */
  public static final String AUDIT_DIRECTORY = "audit";
  public static final String AUDIT_ORIGIN = "castellan.local/authority-audit";
  /** The sealed Ed25519 key that signs the audit log's records. */
  public static final String AUDIT_KEY_FILE = "audit-key.sealed";
  /** The subject of the first boot's ACL, and of the bootstrap token. */
  public static final String OPERATOR = "operator";
  public static final List<String> OPERATOR_SCOPES = List.of("sign:bip340", "sign:ecdsa", "log:append");

  private final String issuer;
  private final SigningKey key;
  private final KeySet keySet;
  private final byte[] keySetDocument;
  private final AccessPolicy access;
  private final Acl acl;
  private final ScopePolicies policies;
  private final Clock clock;
  private final SecureRandom random;
  private final Path directory;
  private long revocationVersion;

  private LocalAuthority(Path directory, String issuer, SigningKey key, KeySet keySet, byte[] keySetDocument,
      Acl acl, ScopePolicies policies, Clock clock, SecureRandom random) {
    this.directory = directory;
    this.acl = acl;
    this.policies = policies;
    this.issuer = issuer;
    this.key = key;
    this.keySet = keySet;
    this.keySetDocument = keySetDocument;
    this.access = new AccessPolicy(acl, policies);
    this.clock = clock;
    this.random = random;
  }

  /** Opens the authority in {@code <dataDirectory>/authority}, creating it on first boot. */
  public static LocalAuthority open(Path dataDirectory, Sealer sealer, String issuer, Clock clock, SecureRandom random)
      throws IOException, GeneralSecurityException, AclFormatException {
    Path dir = dataDirectory.resolve(DIRECTORY);
    createOwnerOnly(dir);
    SealedKeyStore store = new SealedKeyStore(dir.resolve(KEY_FILE), sealer);
    SecretBytes scalar = store.loadOrGenerate(() -> EcdsaPrivateKey.generate(EcdsaCurve.P_256, random).scalar()).secret();
    SigningKey key;
    try {
      key = SigningKey.ecdsaP256(EcdsaPrivateKey.fromScalar(EcdsaCurve.P_256, scalar));
    } finally {
      scalar.destroy();
    }
    Path keySetFile = dir.resolve(KEY_SET_FILE);
    byte[] document;
    KeySet keySet;
    if (Files.exists(keySetFile)) {
      document = Files.readAllBytes(keySetFile);
      Optional<SigningKey> pending = KeyRotation.pending(dir, sealer);
      if (pending.isPresent() && keySetNamesActive(document, pending.get())) {
        KeyRotation.complete(dir); // a rotation stopped after writing its key set: finish it
        key = pending.get();
      } else if (pending.isPresent()) {
        KeyRotation.abandon(dir); // it stopped before: the old key set and key stand
      }
      keySet = KeySetDocument.verifyTrustAnchor(document, key.keyId()); // the sealed key must be its active key
      if (!keySet.issuer().equals(issuer)) {
        throw new GeneralSecurityException(keySetFile + " names issuer " + keySet.issuer() + ", not " + issuer);
      }
    } else {
      Instant now = clock.instant();
      keySet = KeySet.of(issuer, 1, now, key.keyId(), List.of(new KeySet.Entry(key.publicKey(), now, Optional.empty())));
      document = KeySetDocument.sign(keySet, List.of(key));
      SealedFile.writeAtomically(keySetFile, document);
    }
    Path aclFile = dir.resolve(ACL_FILE);
    if (!Files.exists(aclFile)) {
      SealedFile.writeAtomically(aclFile, firstAcl());
    }
    Path policyFile = dir.resolve(POLICY_FILE);
    ScopePolicies policies = Files.exists(policyFile) ? ScopePolicies.fromFile(policyFile) : ScopePolicies.defaults();
    return new LocalAuthority(dir, issuer, key, keySet, document, Acl.fromFile(aclFile), policies, clock, random);
  }

  private static boolean keySetNamesActive(byte[] document, SigningKey key) throws TrustDocumentException {
    return KeySetDocument.verifySelfSigned(document).activeKeyId().equals(key.keyId());
  }

  /**
   * Rotates the signing key ({@link KeyRotation}): a new key, sealed with {@code sealer}, and
   * the next key set signed by both. This instance keeps the old key; open the authority
   * again to issue with the new one (the oracle does so when it sees the new key set).
   *
   * @return the new key set
   */
  public KeySet rotate(Sealer sealer) throws IOException, GeneralSecurityException {
    return KeyRotation.rotate(directory, sealer, key, keySet, clock.instant(), random);
  }

  private static byte[] firstAcl() {
    String scopes = String.join("\", \"", OPERATOR_SCOPES);
    return ("{\"version\": 1, \"subjects\": {\"" + OPERATOR + "\": [\"" + scopes + "\"]}}\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * A token for {@code subject} with {@code scopes} at {@code audience}, if the ACL and the
   * scope policies grant it (the lifetime is clamped to the scopes' cap).
   *
   * @throws IssueDeniedException naming the rule that denied it
   */
  public byte[] issue(String subject, List<String> scopes, String audience, Duration lifetime)
      throws IssueDeniedException, GeneralSecurityException {
    Decision decision = access.decide(new AccessRequest(subject, scopes, Optional.of(lifetime), Optional.empty()));
    if (!(decision instanceof Decision.Grant grant)) {
      throw new IssueDeniedException(((Decision.Deny) decision).message());
    }
    Instant now = clock.instant();
    byte[] tokenId = new byte[16];
    byte[] nonce = new byte[16];
    random.nextBytes(tokenId);
    random.nextBytes(nonce);
    CapabilityClaims claims = CapabilityClaims.builder()
        .issuer(issuer)
        .subject(grant.subject())
        .audience(audience)
        .issuedAt(now)
        .expiresAt(now.plus(grant.lifetime()))
        .tokenId(tokenId)
        .scope(grant.scopes().stream().map(Scope::toString).toList())
        .nonce(nonce)
        .build();
    return CapabilityToken.sign(claims, key);
  }

  /**
   * A fresh signed revocation list of the tokens in {@link RevokedTokens} (read now, so a
   * revocation by {@code castellan tokens revoke} is in the next list), with a version that
   * increases on every call.
   */
  public synchronized byte[] revocationList() throws GeneralSecurityException, IOException {
    Instant now = clock.instant();
    revocationVersion = Math.max(revocationVersion + 1, now.getEpochSecond());
    return RevocationList.of(issuer, revocationVersion, now, RevokedTokens.read(directory, now)).sign(key);
  }

  /** Revokes {@code tokenId} (a token's {@code cti}): it is in every list signed from now on. */
  public void revoke(byte[] tokenId) throws IOException {
    RevokedTokens.add(directory, tokenId, clock.instant());
  }

  /**
   * The issuer the service ({@code cryptod}) answers requests with: this authority's sealed
   * key, key set, ACL and scope policies; the key itself never leaves.
   */
  public dev.castellan.authority.service.AuthorityIssuer service() {
    return new dev.castellan.authority.service.AuthorityIssuer(key, keySet, acl, policies, clock, random);
  }

  /** Where an {@link #audit} record went. */
  public enum Audited {
    /** Appended to the audit log, durable. */
    APPENDED,
    /** The log is held by another process (a running {@code tokens serve}), which appends it from the spool. */
    QUEUED
  }

  /**
   * Records {@code event} in the audit log ({@value #AUDIT_DIRECTORY}), signed by this
   * authority: through the {@link AuditSpool}, appended now (with every older spooled entry)
   * if no other process holds the log, else left for the one that does.
   *
   * @throws IOException if it cannot be written even to the spool, or the log refuses it
   */
  public Audited audit(AuditEvent event, Sealer sealer) throws IOException, GeneralSecurityException {
    AuditSpool spool = new AuditSpool(directory.resolve(AuditSpool.DIRECTORY));
    spool.sink(service(), random).record(event);
    TransparencyLog log;
    try {
      log = LocalLog.open(directory.resolve(AUDIT_DIRECTORY), AUDIT_ORIGIN, LogOptions.DEFAULTS, new LogMetrics());
    } catch (LogInUseException e) {
      return Audited.QUEUED;
    } catch (dev.castellan.log.LogException e) {
      throw new IOException("the audit log cannot be opened: " + e.getMessage(), e);
    }
    try (log) {
      spool.drainInto(log, auditSigner(sealer), Duration.ofSeconds(10));
    }
    return Audited.APPENDED;
  }

  /** The signer of the audit log's records: the sealed Ed25519 key {@value #AUDIT_KEY_FILE}, created on first use. */
  public RecordSigner auditSigner(Sealer sealer) throws IOException, GeneralSecurityException {
    return RecordSigner.ed25519(new SealedKeyStore(directory.resolve(AUDIT_KEY_FILE), sealer).loadOrGenerateEd25519(random));
  }

  /** The authority's directory, {@code <data>/authority}. */
  public Path directory() {
    return directory;
  }

  /** The trust anchor verifiers pin: the key set, and the id of its active key. */
  public KeySet keySet() {
    return keySet;
  }

  /** The signed key set document ({@value #KEY_SET_FILE}). */
  public byte[] keySetDocument() {
    return keySetDocument.clone();
  }

  public String issuer() {
    return issuer;
  }

  /** The directory with 0700 permissions (where POSIX permissions exist), created if absent. */
  private static void createOwnerOnly(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException e) {
      Files.createDirectories(dir); // no POSIX permissions on this file system
    }
  }
}
