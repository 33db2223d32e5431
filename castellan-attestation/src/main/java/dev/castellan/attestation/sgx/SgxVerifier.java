package dev.castellan.attestation.sgx;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.CertificateChainException;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.CollateralException;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.FreshnessException;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.PlatformException;
import dev.castellan.attestation.SgxClaims;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.Verifier;
import dev.castellan.attestation.internal.Pkix;
import dev.castellan.attestation.tdx.PckExtensions;
import dev.castellan.attestation.tdx.TdxCollateral;
import dev.castellan.core.bytes.ConstantTime;
import dev.castellan.core.bytes.Hex;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Intel SGX {@link Verifier}: authenticates a DCAP ECDSA quote v3 up to a pinned Intel SGX
 * Root CA (or a pinned simulated root), checks the request's freshness against REPORTDATA, and
 * evaluates the TCB with the collateral in {@link VerificationRequest#collateral()}: the kinds
 * of {@link TdxCollateral#load} under {@link Platform#SGX} ({@code tcb-info} by FMSPC holding
 * the SGX TCB Info, {@code qe-identity} the QE identity, {@code tcb-signing-chain},
 * {@code root-crl}, {@code pck-crl}). Without TCB Info the claims say {@code NOT_EVALUATED},
 * as they do when no TCB level matches; appraisal then rejects by default. Collateral that is
 * present MUST verify, or verification fails.
 *
 * <p>Roots: those pinned for {@link Platform#SGX}, then those pinned for {@link Platform#TDX}
 * (the bundled Intel SGX Root CA is the one DCAP root of both platforms and is pinned there).
 *
 * <p>Every failure is an {@link AttestationException} whose check name starts with
 * {@code sgx.}; nothing else is thrown for any input. Immutable and thread-safe.
 */
public final class SgxVerifier implements Verifier {
  private final TrustAnchors anchors;
  private final Options options;

  /**
   * Verifier options.
   *
   * @param acceptExpiredTcbSigningCertificate accept TCB Info / QE Identity signed by a TCB
   *     signing certificate past its notAfter (its chain and signatures are still checked), as
   *     {@code TdxVerifier.Options} does. Default false.
   */
  public record Options(boolean acceptExpiredTcbSigningCertificate) {
    public static Options defaults() {
      return new Options(false);
    }
  }

  private SgxVerifier(TrustAnchors anchors, Options options) {
    this.anchors = Objects.requireNonNull(anchors, "anchors");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** A verifier trusting the DCAP roots of {@code anchors}, with default options. */
  public static SgxVerifier create(TrustAnchors anchors) {
    return new SgxVerifier(anchors, Options.defaults());
  }

  public static SgxVerifier create(TrustAnchors anchors, Options options) {
    return new SgxVerifier(anchors, options);
  }

  @Override
  public Platform platform() {
    return Platform.SGX;
  }

  @Override
  public AttestationResult verify(Evidence evidence, VerificationRequest request)
      throws AttestationException {
    evidence.requirePlatform(Platform.SGX);
    try {
      SgxQuote quote = SgxQuote.parse(evidence.bytes());
      PinnedCertificate root = pinnedRoot(quote.pckChain().getLast());
      String fmspc = Hex.encode(PckExtensions.of(quote.pckChain().getFirst()).fmspc());
      Optional<TdxCollateral> collateral = collateral(request, fmspc);
      VerifiedSgxQuote verified =
          new SgxQuoteVerifier(root.certificate(), options.acceptExpiredTcbSigningCertificate())
              .verify(quote, collateral, request.time());
      List<Check> checks = new ArrayList<>();
      checks.add(Check.pass("sgx.quote", "SGX ECDSA quote v3, PCK chain to pinned root "
          + root.name()));
      checks.addAll(verified.checks());
      checks.add(freshness(request.freshness(), quote.body().reportData()));
      return new AttestationResult(SgxClaimsFactory.claims(verified, root.simulated()), checks);
    } catch (PlatformException e) {
      throw SgxException.of(e).toAttestationException();
    } catch (RuntimeException e) {
      // Fail closed on library runtime exceptions; every known path throws PlatformException.
      throw new MalformedEvidenceException("sgx.quote", "quote could not be processed", e);
    }
  }

  private static Optional<TdxCollateral> collateral(VerificationRequest request, String fmspc)
      throws CollateralException {
    try {
      return TdxCollateral.load(request.collateral(), Platform.SGX, fmspc);
    } catch (CollateralException e) {
      String check = e.check().startsWith("tdx.") ? "sgx." + e.check().substring(4) : e.check();
      String prefix = e.check() + ": ";
      String message = e.getMessage().startsWith(prefix)
          ? e.getMessage().substring(prefix.length()) : e.getMessage();
      throw new CollateralException(check, message, e);
    }
  }

  private PinnedCertificate pinnedRoot(X509Certificate last) throws CertificateChainException {
    return anchors.matchRoot(Platform.SGX, last)
        .or(() -> anchors.matchRoot(Platform.TDX, last))
        .orElseThrow(() -> new CertificateChainException("sgx.pck-chain",
            "the PCK chain does not end in a pinned SGX (or TDX) root",
            Stream.concat(anchors.roots(Platform.SGX).stream(),
                anchors.roots(Platform.TDX).stream()).map(PinnedCertificate::name).toList()
                .toString(),
            "sha256 " + Hex.encode(Pkix.sha256(last))));
  }

  private static Check freshness(Freshness freshness, byte[] reportData)
      throws FreshnessException {
    return switch (freshness.kind()) {
      case NONE -> Check.skip("sgx.freshness", "freshness not requested (explicit opt-out)");
      case NONCE -> throw new FreshnessException("sgx.freshness",
          "an SGX quote has no nonce field; expect REPORTDATA instead");
      case REPORT_DATA -> {
        ByteString expected = freshness.expected();
        if (expected.length() != reportData.length) {
          throw new FreshnessException("sgx.freshness", "expected REPORTDATA has the wrong length",
              reportData.length + " bytes", expected.length() + " bytes");
        }
        if (!ConstantTime.equals(expected.toByteArray(), reportData)) {
          throw new FreshnessException("sgx.freshness", "REPORTDATA does not match",
              expected.hex(), Hex.encode(reportData));
        }
        yield Check.pass("sgx.freshness", "REPORTDATA matches the expected value");
      }
    };
  }
}
