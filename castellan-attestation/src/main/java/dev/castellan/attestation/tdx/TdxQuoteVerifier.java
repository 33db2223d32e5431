package dev.castellan.attestation.tdx;

import dev.castellan.core.bytes.ConstantTime;
import dev.castellan.core.hash.HashAlgorithm;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies the cryptographic evidence of an Intel TDX quote against Intel collateral, per the
 * Intel TDX DCAP Quote Verification flow (QVL): PCK chain to the pinned Intel SGX Root CA
 * (plus CRLs when given), QE report signature by the PCK key, the QE report data binding of
 * the attestation key, the quote signature by the attestation key, TCB Info and QE Identity
 * signatures and validity windows, FMSPC/PCE-ID match, and TCB level evaluation.
 *
 * <p>It MUST be given the verification time explicitly (quotes carry none). It does not judge
 * the result: TCB status, debug TDs, trailing bytes and reference values are policy, applied
 * by {@link TdxVerifier}. Every failure is a {@link TdxException}.
 */
public final class TdxQuoteVerifier {
  private final X509Certificate root;

  private TdxQuoteVerifier(X509Certificate root) {
    this.root = root;
  }

  /** A verifier anchored at {@code intelRoot} (the Intel SGX Root CA, or a simulated root). */
  public static TdxQuoteVerifier create(X509Certificate intelRoot) {
    return new TdxQuoteVerifier(Objects.requireNonNull(intelRoot, "intelRoot"));
  }

  /**
   * Verifies {@code quote} at {@code time}.
   *
   * @param acceptExpiredTcbSigner accept a TCB signing certificate past its notAfter (its
   *     signature and chain are still checked): Intel re-issued that certificate with the same
   *     key, so collateral signed after the old one expired still names it in old issuer chains
   * @throws TdxException if any check fails
   */
  public VerifiedTdxQuote verify(TdxQuote quote, TdxCollateral collateral, Instant time,
      boolean acceptExpiredTcbSigner) throws TdxException {
    List<String> checks = new ArrayList<>();
    PckExtensions extensions =
        verifySignatures(quote, collateral.rootCrl(), collateral.pckCrl(), time, checks);
    X509Certificate signer = collateral.tcbSigningChain().getFirst();
    Instant signerTime = acceptExpiredTcbSigner && time.isAfter(signer.getNotAfter().toInstant())
        ? signer.getNotAfter().toInstant() : time;
    Crypto.validateChain(collateral.tcbSigningChain(), root, signerTime, "TCB signing chain");
    checks.add(signerTime.equals(time) ? "tcb-signing-chain" : "tcb-signing-chain-expired");
    TcbInfo tcbInfo = TcbInfo.parse(collateral.tcbInfoJson());
    tcbInfo.signed().verify(signer.getPublicKey(), "tcbInfo");
    window("tcbInfo", tcbInfo.issueDate(), tcbInfo.nextUpdate(), time);
    if (!Arrays.equals(tcbInfo.fmspc(), extensions.fmspc())) {
      throw new TdxException("tcbInfo FMSPC does not match the PCK certificate's FMSPC");
    }
    if (!Arrays.equals(tcbInfo.pceId(), extensions.pceId())) {
      throw new TdxException("tcbInfo PCE-ID does not match the PCK certificate's PCE-ID");
    }
    checks.add("tcb-info");
    QeIdentity qeIdentity = QeIdentity.parse(collateral.qeIdentityJson());
    qeIdentity.signed().verify(signer.getPublicKey(), "enclaveIdentity");
    window("enclaveIdentity", qeIdentity.issueDate(), qeIdentity.nextUpdate(), time);
    TcbStatus qeStatus = TcbEvaluation.qeStatus(qeIdentity, quote.qeReport());
    checks.add("qe-identity");
    TdxTcbResult tcb = TcbEvaluation.evaluate(tcbInfo, extensions, quote.report(), qeStatus);
    checks.add("tcb-level");
    return new VerifiedTdxQuote(quote, extensions, tcb, checks);
  }

  /**
   * The collateral-independent checks: PCK chain (and CRLs), QE report signature, QE binding
   * and quote signature. Returns the PCK certificate's SGX extensions.
   */
  PckExtensions verifySignatures(TdxQuote quote, Optional<X509CRL> rootCrl,
      Optional<X509CRL> pckCrl, Instant time, List<String> checks) throws TdxException {
    List<X509Certificate> chain = quote.pckChain();
    X509Certificate pck = chain.getFirst();
    Crypto.validateChain(chain, root, time, "PCK certificate chain");
    checks.add("pck-chain");
    if (rootCrl.isPresent()) {
      Crypto.checkCrl(rootCrl.get(), root, chain.subList(1, chain.size()), time,
          "Intel root CA CRL");
      checks.add("root-crl");
    }
    if (pckCrl.isPresent()) {
      Crypto.checkCrl(pckCrl.get(), chain.get(1), List.of(pck), time, "PCK CRL");
      checks.add("pck-crl");
    }
    Crypto.verifyEcdsa(pck.getPublicKey(), quote.qeReportSignature(),
        quote.qeReport().encoded(), "QE report signature");
    checks.add("qe-report-signature");
    byte[] expected = Arrays.copyOf(
        HashAlgorithm.SHA_256.hash(quote.attestationKey(), quote.qeAuthData()), 64);
    if (!ConstantTime.equals(expected, quote.qeReport().reportData())) {
      throw new TdxException("QE report data does not bind the attestation key");
    }
    checks.add("qe-binding");
    Crypto.verifyEcdsa(Crypto.p256(quote.attestationKey(), "attestation key"),
        quote.signature(), quote.signedBytes(), "quote signature");
    checks.add("quote-signature");

    return PckExtensions.of(pck);
  }

  private static void window(String what, Instant issued, Instant nextUpdate, Instant time)
      throws TdxException {
    if (time.isBefore(issued)) {
      throw new TdxException(what + " is not yet valid");
    }
    if (time.isAfter(nextUpdate)) {
      throw new TdxException(what + " has expired");
    }
  }
}
