package dev.castellan.attestation.tdx;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.CertificateChainException;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.FreshnessException;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TdxClaims;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.Verifier;
import dev.castellan.core.bytes.ConstantTime;
import dev.castellan.core.bytes.Hex;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Intel TDX {@link Verifier}: authenticates a DCAP quote (v4/v5) up to a pinned Intel SGX
 * Root CA (or a pinned simulated root), checks the request's freshness against REPORTDATA,
 * and evaluates the TCB with the collateral found in {@link VerificationRequest#collateral()}
 * (see {@link TdxCollateral#load} for the keys). Without TCB info the claims say
 * {@code NOT_EVALUATED}, as they do when no TCB level matches; appraisal then rejects by
 * default. Collateral that is present MUST verify (signature, chain, validity window, FMSPC),
 * or verification fails.
 *
 * <p>The structure checks ({@code tdx.structure}: header, QE vendor ID, TD_ATTRIBUTES, XFAM,
 * SEAM attributes) are always on; a violation is a {@code MalformedEvidenceException} whose
 * check names the field ({@code tdx.quote.xfam}, ...). CRLs ({@code root-crl}, {@code
 * pck-crl}) are checked whenever supplied, with or without TCB info; {@code tdx.crl} is PASS
 * only when both were checked, otherwise a SKIP saying which was not supplied or not usable
 * (issued by another CA than the one it would cover).
 *
 * <p>Trailing bytes after the declared quote are not covered by any signature; their count is
 * in {@link TdxClaims#trailingBytes()} for the policy to judge.
 *
 * <p>Every failure is an {@link AttestationException} whose check name starts with
 * {@code tdx.}; nothing else is thrown for any input. Immutable and thread-safe.
 */
public final class TdxVerifier implements Verifier {
  private final TrustAnchors anchors;
  private final Options options;

  /**
   * Verifier options.
   *
   * @param acceptExpiredTcbSigningCertificate accept TCB Info / QE Identity signed by a TCB
   *     signing certificate past its notAfter (its chain and signatures are still checked).
   *     Intel re-issued that certificate with the same key, so issuer chains cached before
   *     the re-issue still verify newer collateral. Default false.
   */
  public record Options(boolean acceptExpiredTcbSigningCertificate) {
    public static Options defaults() {
      return new Options(false);
    }
  }

  private TdxVerifier(TrustAnchors anchors, Options options) {
    this.anchors = Objects.requireNonNull(anchors, "anchors");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** A verifier trusting the TDX roots of {@code anchors}, with default options. */
  public static TdxVerifier create(TrustAnchors anchors) {
    return new TdxVerifier(anchors, Options.defaults());
  }

  public static TdxVerifier create(TrustAnchors anchors, Options options) {
    return new TdxVerifier(anchors, options);
  }

  @Override
  public Platform platform() {
    return Platform.TDX;
  }

  @Override
  public AttestationResult verify(Evidence evidence, VerificationRequest request)
      throws AttestationException {
    evidence.requirePlatform(Platform.TDX);
    try {
      TdxQuote quote = TdxQuote.parse(evidence.bytes());
      PinnedCertificate root = pinnedRoot(quote.pckChain());
      String fmspc = Hex.encode(PckExtensions.of(quote.pckChain().getFirst()).fmspc());
      Optional<TdxCollateral> collateral = TdxCollateral.load(request.collateral(), fmspc);
      // CRLs are used whether or not there is TCB Info for this FMSPC.
      Optional<X509CRL> rootCrl = collateral.isPresent() ? collateral.get().rootCrl()
          : TdxCollateral.crl(request.collateral(), Platform.TDX, TdxCollateral.ROOT_CRL);
      Optional<X509CRL> pckCrl = collateral.isPresent() ? collateral.get().pckCrl()
          : TdxCollateral.crl(request.collateral(), Platform.TDX, TdxCollateral.PCK_CRL);
      VerifiedTdxQuote verified = TdxQuoteVerifier.create(root.certificate()).verify(quote,
          collateral, rootCrl, pckCrl, request.time(),
          options.acceptExpiredTcbSigningCertificate());
      List<Check> checks = new ArrayList<>();
      checks.add(Check.pass("tdx.quote", "TDX quote v" + quote.version() + ", "
          + (quote.report().isTdx15() ? "TDX 1.5" : "TDX 1.0") + " body"
          + (quote.trailingLength() > 0
              ? ", " + quote.trailingLength() + " trailing bytes not covered by any signature"
              : "")));
      checks.add(Check.pass("tdx.structure", TdxStructure.SUMMARY));
      for (String name : verified.checks()) {
        checks.add(Check.pass(name, "verified at " + request.time()
            + (name.equals("tdx.pck-chain") ? " to pinned root " + root.name() : "")));
      }
      checks.add(verified.crlNotes().isEmpty()
          ? Check.pass("tdx.crl", "root CA CRL and PCK CRL checked at " + request.time()
              + ": no certificate of the PCK chain is revoked")
          : Check.skip("tdx.crl", "revocation not fully checked: "
              + String.join("; ", verified.crlNotes())));
      checks.add(Check.pass("tdx.tcb-status", verified.tcbReason()));
      checks.add(freshness(request.freshness(), quote.report().reportData()));
      return new AttestationResult(TdxClaimsFactory.claims(verified, root.simulated()), checks);
    } catch (TdxException e) {
      throw e.toAttestationException();
    } catch (RuntimeException e) {
      // Fail closed on library runtime exceptions; every known path throws TdxException.
      throw new MalformedEvidenceException("tdx.quote", "quote could not be processed", e);
    }
  }

  private PinnedCertificate pinnedRoot(List<X509Certificate> chain)
      throws CertificateChainException {
    X509Certificate last = chain.getLast();
    return anchors.matchRoot(Platform.TDX, last).orElseThrow(() -> new CertificateChainException(
        "tdx.pck-chain", "the PCK chain does not end in a pinned TDX root",
        anchors.roots(Platform.TDX).stream().map(PinnedCertificate::name).toList().toString(),
        "sha256 " + Hex.encode(dev.castellan.attestation.internal.Pkix.sha256(last))));
  }

  private static Check freshness(Freshness freshness, byte[] reportData)
      throws FreshnessException {
    return switch (freshness.kind()) {
      case NONE -> Check.skip("tdx.freshness", "freshness not requested (explicit opt-out)");
      case NONCE -> throw new FreshnessException("tdx.freshness",
          "a TDX quote has no nonce field; expect REPORTDATA instead");
      case REPORT_DATA -> {
        ByteString expected = freshness.expected();
        if (expected.length() != reportData.length) {
          throw new FreshnessException("tdx.freshness", "expected REPORTDATA has the wrong length",
              reportData.length + " bytes", expected.length() + " bytes");
        }
        if (!ConstantTime.equals(expected.toByteArray(), reportData)) {
          throw new FreshnessException("tdx.freshness", "REPORTDATA does not match",
              expected.hex(), Hex.encode(reportData));
        }
        yield Check.pass("tdx.freshness", "REPORTDATA matches the expected value");
      }
    };
  }
}
