package dev.castellan.attestation.snp;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.BindingException;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.CollateralException;
import dev.castellan.attestation.CollateralKey;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.SignatureInvalidException;
import dev.castellan.attestation.SnpClaims;
import dev.castellan.attestation.SnpClaims.SigningKey;
import dev.castellan.attestation.SnpClaims.Tcb;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.azure.HclReport;
import dev.castellan.attestation.Verifier;
import dev.castellan.attestation.internal.BoundedCache;
import dev.castellan.attestation.internal.ChainCache;
import dev.castellan.attestation.internal.Pkix;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies AMD SEV-SNP attestation reports (AMD spec 56860 §7.3; VCEK spec 57230).
 *
 * <p>Contract: {@link #verify} accepts the 1184-byte report as {@link Evidence} and takes the
 * endorsement certificate from the request's collateral: key {@code (SEV_SNP, "vcek",
 * <CHIP_ID hex>)} for VCEK-signed reports, {@code (SEV_SNP, "vlek", "")} for VLEK-signed
 * ones; the value is DER, or PEM holding the endorsement first and optionally the ASK/ASVK
 * and ARK after it. It then checks, in order: the report's format (strict), that the
 * certificate's kind matches SIGNING_KEY, the chain VCEK/VLEK → ASK/ASVK → ARK at the
 * request's time to a pinned ARK, the ASK/ASVK against the ARK's CRL when one is supplied as
 * collateral ({@code (SEV_SNP, "crl", <root name>)}), the ECDSA P-384 report signature, that
 * REPORTED_TCB equals the certificate's SPL extensions, that CHIP_ID equals the VCEK's hwID
 * (unless the guest masked CHIP_ID), and REPORT_DATA against the request's freshness (64
 * bytes exactly). Guest policy, VMPL, measurement and minimum TCB are
 * appraisal ({@code SnpReference}), not verification.
 *
 * <p>Accepted evidence forms: the binary report; Trustee's JSON serde form (the report is
 * rebuilt from its fields and a {@code cert_chain} it carries is used when the collateral
 * has none); an Azure HCL report (see {@link #verifyHclReport}).
 *
 * <p>SEV-SNP reports carry no timestamp: the request's time is the validation time.
 */
public final class SnpVerifier implements Verifier {
  /** Parsed endorsements kept: one per chip and TCB; 4096 covers a large fleet. */
  private static final int MAX_PARSED = 4096;

  private final TrustAnchors anchors;
  private final ChainCache cache;
  private final BoundedCache<ByteString, Endorsement> parsedCache;

  private SnpVerifier(TrustAnchors anchors, boolean cache) {
    this.anchors = Objects.requireNonNull(anchors, "anchors");
    this.cache = cache ? new ChainCache() : null;
    this.parsedCache = cache ? new BoundedCache<>(MAX_PARSED) : null;
  }

  /**
   * A verifier trusting the bundled AMD roots and intermediates, memoizing parsed endorsement
   * certificates and validated chains.
   */
  public static SnpVerifier create() {
    return new SnpVerifier(TrustAnchors.bundled(), true);
  }

  /** A verifier trusting exactly {@code anchors} (e.g. a simulated ARK and ASK). */
  public static SnpVerifier create(TrustAnchors anchors) {
    return new SnpVerifier(anchors, true);
  }

  /**
   * A verifier that parses and validates every endorsement from scratch (for measurement and
   * tests); results are the same as with caching.
   */
  public static SnpVerifier createUncached(TrustAnchors anchors) {
    return new SnpVerifier(anchors, false);
  }

  @Override
  public Platform platform() {
    return Platform.SEV_SNP;
  }

  @Override
  public AttestationResult verify(Evidence evidence, VerificationRequest request)
      throws AttestationException {
    evidence.requirePlatform(Platform.SEV_SNP);
    byte[] bytes = evidence.bytes();
    if (bytes.length >= 4 && bytes[0] == 'H' && bytes[1] == 'C' && bytes[2] == 'L' && bytes[3] == 'A') {
      return verifyHclReport(HclReport.parse(bytes), request);
    }
    Endorsement carried = null;
    if (TrusteeSnpEvidence.looksLikeJson(bytes)) {
      TrusteeSnpEvidence json = TrusteeSnpEvidence.parse(bytes);
      bytes = json.report();
      List<X509Certificate> certs = new ArrayList<>();
      for (byte[] der : json.certificates()) {
        certs.add(Pkix.parseDer(der, "snp.endorsement"));
      }
      carried = certs.isEmpty() ? null : Endorsement.of(certs);
    }
    SnpReport report = SnpReport.parse(bytes);
    return verify(report, endorsement(report, request, carried), request);
  }

  /**
   * Verifies the SEV-SNP report inside an Azure HCL report, then that its REPORT_DATA binds
   * the HCL runtime claims (so {@link HclReport#attestationKey()} can be trusted).
   */
  public AttestationResult verifyHclReport(HclReport hcl, VerificationRequest request)
      throws AttestationException {
    if (hcl.reportType() != HclReport.ReportType.SEV_SNP) {
      throw new MalformedEvidenceException("azure.hcl", "HCL report does not hold an SEV-SNP report");
    }
    SnpReport report = SnpReport.parse(hcl.hardwareReport());
    AttestationResult result = verify(report, endorsement(report, request, null), request);
    List<Check> checks = new ArrayList<>(result.checks());
    checks.add(hcl.checkReportDataBinding(report.reportData()));
    return new AttestationResult(result.claims(), checks);
  }

  /** The endorsement: from the request's collateral, else as carried in the evidence. */
  private Endorsement endorsement(SnpReport report, VerificationRequest request, Endorsement carried)
      throws AttestationException {
    CollateralKey key =
        report.signingKey == SigningKey.VCEK
            ? new CollateralKey(Platform.SEV_SNP, "vcek", report.chipId().hex())
            : CollateralKey.of(Platform.SEV_SNP, "vlek");
    Optional<byte[]> collateral = request.collateral().find(key);
    if (collateral.isEmpty() && report.signingKey == SigningKey.VCEK) {
      Optional<CollateralKey> kds = report.kdsVcekKey();
      if (kds.isPresent()) {
        collateral = request.collateral().find(kds.get());
      }
    }
    if (collateral.isPresent()) {
      return parsed(collateral.get());
    }
    if (carried != null) {
      return carried;
    }
    throw new CollateralException(
        "snp.endorsement",
        "no " + key.kind().toUpperCase(Locale.ROOT) + " certificate supplied as collateral or carried in the evidence");
  }

  /**
   * Verifies a report with an explicitly supplied endorsement chain ({@code chain[0]} is the
   * VCEK or VLEK; an ASK/ASVK and ARK may follow).
   */
  public AttestationResult verifyReport(
      byte[] report, List<X509Certificate> chain, VerificationRequest request)
      throws AttestationException {
    if (chain.isEmpty()) {
      throw new CollateralException("snp.endorsement", "no endorsement certificate supplied");
    }
    return verify(SnpReport.parse(report), Endorsement.of(chain), request);
  }

  /** The parsed endorsement for collateral bytes, memoized by their SHA-256. */
  private Endorsement parsed(byte[] collateral) throws MalformedEvidenceException {
    if (parsedCache == null) {
      return Endorsement.of(parseCertificates(collateral));
    }
    ByteString key = ByteString.of(dev.castellan.core.hash.HashAlgorithm.SHA_256.hash(collateral));
    Endorsement hit = parsedCache.get(key);
    if (hit == null) {
      hit = Endorsement.of(parseCertificates(collateral));
      parsedCache.put(key, hit);
    }
    return hit;
  }

  /** Parses DER, or PEM with one or more certificates. */
  static List<X509Certificate> parseCertificates(byte[] bytes) throws MalformedEvidenceException {
    if (bytes.length > 0 && bytes[0] == '-') {
      return Pkix.parsePem(new String(bytes, StandardCharsets.US_ASCII), "snp.endorsement");
    }
    return List.of(Pkix.parseDer(bytes, "snp.endorsement"));
  }

  private AttestationResult verify(SnpReport report, Endorsement endorsement, VerificationRequest request)
      throws AttestationException {
    List<Check> checks = new ArrayList<>();
    List<String> unappraised = ReportStructure.unappraisedBits(report.le64(ReportLayout.POLICY),
        report.le64(ReportLayout.PLATFORM_INFO));
    checks.add(Check.pass(SnpReport.CHECK,
        "report version " + report.version + ", signed by the " + report.signingKey
            + ", reserved fields and bits as spec 56860 defines them"
            + (unappraised.isEmpty() ? "" : "; known bits set, not appraised: " + String.join(", ", unappraised))));
    EndorsementExtensions ext = endorsement.extensions();
    checkKeyKind(report, ext);
    checks.add(Check.pass("snp.signing-key", "endorsement certificate is a " + report.signingKey));

    List<X509Certificate> path = completeChain(endorsement.chain());
    PinnedCertificate root = validateChain(path, request);
    checks.add(Check.pass("snp.chain", report.signingKey + " chains to pinned root " + root.name()
        + " at " + request.time()));
    checks.add(AmdCrlCheck.check(request.collateral(), root, path, request.time()));

    verifySignature(report, endorsement);
    checks.add(Check.pass("snp.signature", "ECDSA P-384 SHA-384 report signature verifies"));

    checks.add(checkReportedTcb(report, ext));
    checks.add(checkChipId(report, ext));
    checks.add(ReportDataCheck.check(request.freshness(), report.reportData()));
    SnpClaims claims = report.toClaims(ext.productName(), ext.cspId(), root.simulated());
    return new AttestationResult(claims, checks);
  }

  private static void checkKeyKind(SnpReport report, EndorsementExtensions ext)
      throws BindingException {
    boolean vcekCert = ext.hwId().isPresent();
    boolean vlekCert = ext.cspId().isPresent();
    if (report.signingKey == SigningKey.VCEK ? !vcekCert : !vlekCert) {
      throw new BindingException(
          "snp.signing-key",
          "endorsement certificate kind does not match SIGNING_KEY",
          report.signingKey.name(),
          vlekCert ? "VLEK" : vcekCert ? "VCEK" : "neither");
    }
  }

  /** The supplied chain, completed with the pinned ASK/ASVK when only the leaf was given. */
  private List<X509Certificate> completeChain(List<X509Certificate> supplied) throws AttestationException {
    List<X509Certificate> chain = new ArrayList<>(supplied);
    if (chain.size() == 1) {
      X509Certificate leaf = chain.getFirst();
      Optional<PinnedCertificate> intermediate =
          anchors.intermediates(Platform.SEV_SNP).stream()
              .filter(c -> c.certificate().getSubjectX500Principal().equals(leaf.getIssuerX500Principal()))
              .findFirst();
      if (intermediate.isEmpty()) {
        throw new dev.castellan.attestation.CertificateChainException(
            "snp.chain", "no pinned ASK/ASVK for the endorsement certificate's issuer");
      }
      chain.add(intermediate.get().certificate());
    }
    return List.copyOf(chain);
  }

  private PinnedCertificate validateChain(List<X509Certificate> chain, VerificationRequest request)
      throws AttestationException {
    if (cache != null) {
      return cache.validate(chain, anchors, Platform.SEV_SNP, request.time(), "snp.chain");
    }
    return Pkix.validate(chain, anchors, Platform.SEV_SNP, request.time(), List.of(), "snp.chain");
  }

  private static void verifySignature(SnpReport report, Endorsement endorsement)
      throws SignatureInvalidException {
    if (endorsement.verifier().isEmpty()) {
      throw new SignatureInvalidException("snp.signature", "endorsement key is not ECDSA P-384");
    }
    try {
      // core's ECDSA (BouncyCastle) verifies P-384 faster than SunEC (docs/benchmarks/signatures.md)
      endorsement.verifier().get().verify(report.signatureP1363(), report.signedRegion());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new SignatureInvalidException("snp.signature", "report signature does not verify");
    }
  }

  static Check checkReportedTcb(SnpReport report, EndorsementExtensions ext)
      throws BindingException {
    Tcb tcb = report.reportedTcb(ext.productName());
    boolean turin = tcb.fmc() >= 0;
    String actual = describe(tcb.bootloader(), tcb.tee(), tcb.snp(), tcb.microcode(), tcb.fmc());
    if (ext.bootloader().isEmpty() || ext.tee().isEmpty() || ext.snp().isEmpty()
        || ext.microcode().isEmpty() || (turin && ext.fmc().isEmpty())) {
      throw new BindingException("snp.reported-tcb", "endorsement certificate lacks SPL extensions");
    }
    String expected = describe(ext.bootloader().getAsInt(), ext.tee().getAsInt(), ext.snp().getAsInt(),
        ext.microcode().getAsInt(), turin ? ext.fmc().getAsInt() : -1);
    if (!expected.equals(actual)) {
      throw new BindingException("snp.reported-tcb",
          "REPORTED_TCB differs from the endorsement certificate's SPLs", expected, actual);
    }
    return Check.pass("snp.reported-tcb", "REPORTED_TCB " + actual + " equals the certificate's SPLs");
  }

  private static String describe(int bl, int tee, int snp, int ucode, int fmc) {
    return String.format(Locale.ROOT, "bl%d tee%d snp%d ucode%d", bl, tee, snp, ucode)
        + (fmc >= 0 ? " fmc" + fmc : "");
  }

  static Check checkChipId(SnpReport report, EndorsementExtensions ext)
      throws BindingException {
    if (report.signingKey == SigningKey.VLEK) {
      return Check.pass("snp.chip-id",
          "VLEK-signed report: no hwID binding (cspID " + dev.castellan.attestation.SafeText.escape(ext.cspId().orElse("")) + ")");
    }
    if (report.chipIdMasked) {
      return Check.skip("snp.chip-id", "CHIP_ID masked by the guest (MASK_CHIP_ID); hwID not compared");
    }
    ByteString hwId = ext.hwId().orElseThrow();
    ByteString chipId = report.chipId();
    // Turin hwIDs are 8 bytes: CHIP_ID holds them in its first 8 bytes, the rest is zero.
    ByteString expected = hwId.length() == chipId.length() ? hwId
        : ByteString.of(java.util.Arrays.copyOf(hwId.toByteArray(), chipId.length()));
    if (!expected.equals(chipId)) {
      throw new BindingException("snp.chip-id", "CHIP_ID differs from the VCEK's hwID",
          hwId.hex(), chipId.hex());
    }
    return Check.pass("snp.chip-id", "CHIP_ID equals the VCEK's hwID");
  }

  /** The verifier's configuration, for diagnostics. */
  @Override
  public String toString() {
    return "SnpVerifier[" + anchors.roots(Platform.SEV_SNP).size() + " pinned roots, cache="
        + (cache != null) + "]";
  }
}
