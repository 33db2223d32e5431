package dev.castellan.attestation.nitro;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.CertificateChainException;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.FreshnessException;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.NitroClaims;
import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.SignatureInvalidException;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.Verifier;
import dev.castellan.attestation.internal.BoundedCache;
import dev.castellan.attestation.internal.ChainCache;
import dev.castellan.attestation.internal.Pkix;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.core.signature.PublicKeyVerify;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies AWS Nitro Enclaves attestation documents (AWS, "Verifying the root of trust").
 *
 * <p>Contract, in order: the COSE_Sign1 is well formed with protected header {@code {1: -35}}
 * (ES384 only); the document parses strictly; the ES384 signature by the document's {@code
 * certificate} verifies over the Sig_structure; the path {@code certificate} → {@code
 * cabundle} (reversed, root first in the bundle) validates with PKIX <em>at the document's
 * signed timestamp</em> and ends in a pinned root byte-identical to {@code cabundle[0]};
 * the timestamp is not in the future beyond {@link VerificationRequest#CLOCK_SKEW}; no
 * certificate of the path has expired at the request's time (an expired leaf is rejected
 * however large the policy's maximum age is); the
 * expected nonce ({@link Freshness.Kind#NONCE}) or user data ({@link
 * Freshness.Kind#REPORT_DATA}) matches exactly. PCR values, the module id and the document's
 * age at the request's time ({@link NitroClaims#verifiedAt()}) are claims; comparing them with
 * reference values and the maximum age is appraisal ({@code NitroReference}).
 */
public final class NitroVerifier implements Verifier {
  /** Signing paths kept: one per enclave boot; 4096 covers a large fleet. */
  private static final int MAX_PARSED = 4096;

  private final TrustAnchors anchors;
  private final ChainCache cache;
  private final BoundedCache<ByteString, SigningPath> parsed;

  private NitroVerifier(TrustAnchors anchors, boolean cache) {
    this.anchors = Objects.requireNonNull(anchors, "anchors");
    this.cache = cache ? new ChainCache() : null;
    this.parsed = cache ? new BoundedCache<>(MAX_PARSED) : null;
  }

  /** A verifier trusting the bundled AWS Nitro Enclaves Root G1, caching validated chains. */
  public static NitroVerifier create() {
    return new NitroVerifier(TrustAnchors.bundled(), true);
  }

  /** A verifier trusting exactly {@code anchors} (for example a simulated Nitro root). */
  public static NitroVerifier create(TrustAnchors anchors) {
    return new NitroVerifier(anchors, true);
  }

  /** A verifier that validates every chain from scratch; results are the same as cached. */
  public static NitroVerifier createUncached(TrustAnchors anchors) {
    return new NitroVerifier(anchors, false);
  }

  @Override
  public Platform platform() {
    return Platform.NITRO;
  }

  @Override
  public AttestationResult verify(Evidence evidence, VerificationRequest request)
      throws AttestationException {
    evidence.requirePlatform(Platform.NITRO);
    List<Check> checks = new ArrayList<>();
    NitroCose cose = NitroCose.decode(evidence.bytes());
    checks.add(Check.pass("nitro.cose", "COSE_Sign1 with protected header {1: -35} (ES384)"));
    AttestationDocument doc = AttestationDocument.parse(cose.payload());
    checks.add(Check.pass(AttestationDocument.CHECK, "attestation document parses; digest SHA384, "
        + doc.pcrs().size() + " PCRs"));

    SigningPath signing = signingPath(doc);
    if (signing.verifier() == null) {
      throw new SignatureInvalidException("nitro.signature", "document certificate key is not ECDSA P-384");
    }
    cose.verify(signing.verifier());
    checks.add(Check.pass("nitro.signature", "ES384 signature by the document's certificate verifies"));

    List<X509Certificate> path = signing.path();
    if (anchors.matchRoot(Platform.NITRO, path.getLast()).isEmpty()) {
      throw new CertificateChainException(
          "nitro.chain", "cabundle[0] is not a pinned Nitro root", "a pinned root", "another certificate");
    }
    // Validated at the document's signed timestamp; a cached chain (same leaf, same bundle)
    // is reused only for a timestamp inside every certificate's validity.
    PinnedCertificate root = cache != null
        ? cache.validate(path, anchors, Platform.NITRO, doc.timestamp(), "nitro.chain")
        : Pkix.validate(path, anchors, Platform.NITRO, doc.timestamp(), List.of(), "nitro.chain");
    checks.add(Check.pass("nitro.chain", "chain to pinned root " + root.name() + " valid at the document's timestamp "
        + doc.timestamp()));
    checks.add(checkTimestamp(doc.timestamp(), request));
    checkNotExpired(path, request.time());
    checks.add(Check.pass("nitro.chain-current", "no certificate has expired at " + request.time()));
    checks.add(checkFreshness(request.freshness(), doc));

    NitroClaims claims = new NitroClaims(doc.moduleId(), doc.timestamp(), request.time(), doc.digest(), doc.pcrs(),
        ByteString.of(doc.certificate()), doc.publicKey(), doc.userData(), doc.nonce(), root.simulated());
    return new AttestationResult(claims, checks);
  }

  /**
   * The parsed path (leaf, then cabundle from the last entry to {@code cabundle[0]}) and the
   * leaf's verifier (null if the key is not P-384), memoized by the SHA-256 of the
   * certificates: they repeat for every document of one enclave boot.
   */
  private SigningPath signingPath(AttestationDocument doc) throws MalformedEvidenceException {
    ByteString key = null;
    if (parsed != null) {
      MessageDigest digest = HashAlgorithm.SHA_256.newDigest();
      digestWithLength(digest, doc.certificate());
      for (byte[] ca : doc.cabundle()) {
        digestWithLength(digest, ca);
      }
      key = ByteString.of(digest.digest());
      SigningPath hit = parsed.get(key);
      if (hit != null) {
        return hit;
      }
    }
    List<X509Certificate> path = new ArrayList<>();
    X509Certificate leaf = Pkix.parseDer(doc.certificate(), "nitro.certificate");
    path.add(leaf);
    for (int i = doc.cabundle().size() - 1; i >= 0; i--) {
      path.add(Pkix.parseDer(doc.cabundle().get(i), "nitro.cabundle"));
    }
    PublicKeyVerify verifier = null;
    if (leaf.getPublicKey() instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 384) {
      try {
        verifier = NitroCose.verifierFor(ec);
      } catch (java.security.GeneralSecurityException e) {
        verifier = null;
      }
    }
    SigningPath result = new SigningPath(List.copyOf(path), verifier);
    if (parsed != null) {
      parsed.put(key, result);
    }
    return result;
  }

  private static void digestWithLength(MessageDigest digest, byte[] bytes) {
    digest.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length});
    digest.update(bytes);
  }

  private record SigningPath(List<X509Certificate> path, PublicKeyVerify verifier) {}

  /**
   * Expiry only: "not yet valid" at the verifier's clock is a clock difference, already
   * bounded by the timestamp check, while a certificate that expired means the enclave's
   * signing key is no longer vouched for.
   */
  private static void checkNotExpired(List<X509Certificate> path, Instant time)
      throws CertificateChainException {
    for (int i = 0; i < path.size(); i++) {
      Instant notAfter = path.get(i).getNotAfter().toInstant();
      if (time.isAfter(notAfter)) {
        throw new CertificateChainException("nitro.chain-current",
            (i == 0 ? "document certificate" : "CA certificate " + i) + " has expired at the verification time",
            "valid until " + notAfter, time.toString());
      }
    }
  }

  /**
   * A document signed after the verification time (beyond the clock skew) is refused here: no
   * policy can make it valid. How old it may be is appraisal ({@code policy.nitro.max-age}),
   * measured against the same time, which the claims carry as {@code verifiedAt}.
   */
  private static Check checkTimestamp(Instant timestamp, VerificationRequest request) throws FreshnessException {
    Instant latest = request.time().plus(VerificationRequest.CLOCK_SKEW);
    if (timestamp.isAfter(latest)) {
      throw new FreshnessException("nitro.timestamp", "document timestamp is in the future",
          "at most " + latest, timestamp.toString());
    }
    return Check.pass("nitro.timestamp", "document timestamp " + timestamp + " is not after the verification time "
        + request.time() + " (+" + VerificationRequest.CLOCK_SKEW.toSeconds() + " s skew); its age is appraised"
        + " (policy.nitro.max-age)");
  }

  private static Check checkFreshness(Freshness freshness, AttestationDocument doc)
      throws FreshnessException {
    return switch (freshness.kind()) {
      case NONE -> Check.skip("nitro.freshness", "freshness not requested (Freshness.none()); nonce not compared");
      case NONCE -> compare("nitro.nonce", "nonce", freshness.expected(), doc.nonce());
      case REPORT_DATA -> compare("nitro.user-data", "user_data", freshness.expected(), doc.userData());
    };
  }

  private static Check compare(String check, String field, ByteString expected, Optional<ByteString> actual)
      throws FreshnessException {
    if (actual.isEmpty()) {
      throw new FreshnessException(check, "document has no " + field, expected.hex(), "absent");
    }
    if (!expected.equals(actual.get())) {
      throw new FreshnessException(check, field + " differs from the expected value",
          expected.hex(), actual.get().hex());
    }
    return Check.pass(check, field + " equals the expected value");
  }
}
