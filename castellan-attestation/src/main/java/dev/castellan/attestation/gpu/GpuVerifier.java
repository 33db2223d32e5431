package dev.castellan.attestation.gpu;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.CertificateChainException;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.CollateralKey;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.FreshnessException;
import dev.castellan.attestation.GpuClaims;
import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.Verifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies NVIDIA Hopper confidential-computing GPU attestation reports offline.
 *
 * <p>Contract, in order: the report parses strictly ({@link GpuReport}, {@code gpu.report});
 * the certificate chain validates to a pinned GPU root at the request's time with the
 * explicit path checks of {@link GpuCertificateChain} ({@code gpu.chain}), and the leaf's FWID
 * equals the report's ({@code gpu.fwid}); the ECDSA P-384 signature by the leaf verifies over
 * the request and the response up to the signature ({@code gpu.signature}); the request's
 * 32-byte nonce equals the expected nonce exactly ({@code gpu.nonce}; {@link
 * Freshness.Kind#NONCE} and {@link Freshness.Kind#REPORT_DATA} both name it, the report has
 * no other caller-chosen field; any other length fails, nothing is padded or truncated).
 * Measurements and opaque fields are claims; comparing them with reference values is
 * appraisal ({@code policy.GpuReference}). Revocation (NVIDIA OCSP) and RIMs are not checked.
 *
 * <p>Through the {@link Verifier} interface the evidence is the report bytes and the chain is
 * PEM text in the request's collateral under {@link #CHAIN}; {@link #verify(GpuEvidence,
 * VerificationRequest)} takes both directly.
 */
public final class GpuVerifier implements Verifier {
  /** Where {@link #verify(Evidence, VerificationRequest)} finds the PEM chain, leaf first. */
  public static final CollateralKey CHAIN = CollateralKey.of(Platform.GPU, "certificate-chain");

  private final TrustAnchors anchors;

  private GpuVerifier(TrustAnchors anchors) {
    this.anchors = Objects.requireNonNull(anchors, "anchors");
  }

  /** A verifier trusting the bundled NVIDIA Device Identity CA. */
  public static GpuVerifier create() {
    return new GpuVerifier(TrustAnchors.bundled());
  }

  /** A verifier trusting exactly the GPU roots of {@code anchors}. */
  public static GpuVerifier create(TrustAnchors anchors) {
    return new GpuVerifier(anchors);
  }

  @Override
  public Platform platform() {
    return Platform.GPU;
  }

  @Override
  public AttestationResult verify(Evidence evidence, VerificationRequest request) throws AttestationException {
    evidence.requirePlatform(Platform.GPU);
    Optional<byte[]> pem = request.collateral().find(CHAIN);
    if (pem.isEmpty()) {
      throw new CertificateChainException(GpuCertificateChain.CHECK,
          "no certificate chain: GPU evidence needs the device's PEM chain (collateral " + CHAIN.kind() + ")");
    }
    // ISO-8859-1 maps every byte to one char, so non-ASCII bytes reach the strict PEM checks.
    return verify(GpuEvidence.of(evidence.bytes(), new String(pem.get(), StandardCharsets.ISO_8859_1)), request);
  }

  /** Verifies a report with its chain; see the class contract. */
  public AttestationResult verify(GpuEvidence evidence, VerificationRequest request) throws AttestationException {
    List<Check> checks = new ArrayList<>();
    byte[] bytes = evidence.reportUnsafe();
    GpuReport report = GpuReport.parse(bytes);
    checks.add(Check.pass(SpdmReader.CHECK, String.format(Locale.ROOT,
        "SPDM 1.1 GET_MEASUREMENTS request and MEASUREMENTS response parse: %d measurement blocks, driver %s,"
            + " VBIOS %s%s", report.measurements().size(), report.opaque().driverVersion(),
        report.opaque().vbiosVersion(),
        report.trailingBytes() == 0 ? "" : ", " + report.trailingBytes() + " zero byte(s) after the signature")));

    PinnedCertificate root = GpuCertificateChain.validate(evidence.chain(), anchors, request.time(),
        report.opaque().fwid());
    checks.add(Check.pass(GpuCertificateChain.CHECK, evidence.chain().size() + " certificates to pinned root "
        + root.name() + ", each signed by the next, valid at " + request.time()));
    checks.add(Check.pass(GpuCertificateChain.FWID_CHECK,
        "the report's FWID equals the signing certificate's (OID " + GpuCertificateChain.FWID_OID + ")"));

    GpuSignature.verify(evidence.chain().getFirst().getPublicKey(), bytes, report.signedLength(),
        report.signature().toByteArray());
    checks.add(Check.pass(GpuSignature.CHECK, "ECDSA P-384/SHA-384 signature by the signing certificate verifies over"
        + " the request and response (" + report.signedLength() + " bytes)"));
    checks.add(freshness(request.freshness(), report.request().nonce()));

    GpuClaims claims = new GpuClaims(report.request().nonce(), report.responderNonce(), report.measurementDigests(),
        report.opaque(), evidence.digest(), report.trailingBytes(), root.simulated());
    return new AttestationResult(claims, checks);
  }

  private static Check freshness(Freshness freshness, ByteString nonce) throws FreshnessException {
    if (freshness.kind() == Freshness.Kind.NONE) {
      return Check.skip("gpu.freshness", "freshness not requested (Freshness.none()); nonce not compared");
    }
    ByteString expected = freshness.expected();
    if (expected.length() != nonce.length()) {
      throw new FreshnessException("gpu.nonce", "expected nonce has the wrong length (never padded or truncated)",
          nonce.length() + " bytes", expected.length() + " bytes");
    }
    if (!expected.equals(nonce)) {
      throw new FreshnessException("gpu.nonce", "the request nonce differs from the expected nonce", expected.hex(),
          nonce.hex());
    }
    return Check.pass("gpu.nonce", "the request nonce equals the expected nonce");
  }
}
