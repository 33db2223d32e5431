package dev.castellan.attestation.tdx;

import static dev.castellan.attestation.PlatformException.Kind.COLLATERAL;

import dev.castellan.attestation.SafeText;
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
import java.util.OptionalInt;

/**
 * Verifies the cryptographic evidence of an Intel TDX quote against Intel collateral, per the
 * Intel TDX DCAP Quote Verification flow (QVL): PCK chain to the pinned root (plus CRLs when
 * given), QE report signature by the PCK key, the QE report data binding of the attestation
 * key, the quote signature by the attestation key, TCB Info and QE Identity signatures and
 * validity windows, FMSPC/PCE-ID match, and TCB level evaluation.
 *
 * <p>The verification time is explicit (quotes carry none). Policy (TCB status, debug TDs,
 * trailing bytes, reference values) is not applied here.
 */
final class TdxQuoteVerifier {
  private final X509Certificate root;

  private TdxQuoteVerifier(X509Certificate root) {
    this.root = root;
  }

  /** A verifier anchored at {@code root} (the Intel SGX Root CA, or a simulated root). */
  static TdxQuoteVerifier create(X509Certificate root) {
    return new TdxQuoteVerifier(Objects.requireNonNull(root, "root"));
  }

  /**
   * Verifies {@code quote} at {@code time}; without TCB info ({@code collateral} empty) the
   * TCB is reported as not evaluated.
   *
   * @param acceptExpiredTcbSigner accept a TCB signing certificate past its notAfter (its
   *     signature and chain are still checked): Intel re-issued that certificate with the same
   *     key, so collateral signed after the old one expired still names it in old issuer chains
   */
  VerifiedTdxQuote verify(TdxQuote quote, Optional<TdxCollateral> collateral, Instant time,
      boolean acceptExpiredTcbSigner) throws TdxException {
    return verify(quote, collateral, collateral.flatMap(TdxCollateral::rootCrl),
        collateral.flatMap(TdxCollateral::pckCrl), time, acceptExpiredTcbSigner);
  }

  /**
   * As {@link #verify(TdxQuote, Optional, Instant, boolean)}, with the CRLs given apart from
   * the TCB collateral (they are checked even when there is no TCB Info for the FMSPC).
   */
  VerifiedTdxQuote verify(TdxQuote quote, Optional<TdxCollateral> collateral,
      Optional<X509CRL> rootCrl, Optional<X509CRL> pckCrl, Instant time,
      boolean acceptExpiredTcbSigner) throws TdxException {
    List<String> checks = new ArrayList<>();
    List<String> crlNotes = new ArrayList<>();
    PckExtensions extensions = verifySignatures(quote, rootCrl, pckCrl, time, checks, crlNotes);
    VerifiedTdxQuote.Tcb tcb = evaluate(quote, extensions, collateral, time,
        acceptExpiredTcbSigner, checks);
    return new VerifiedTdxQuote(quote, extensions, tcb.result(), tcb.reason(), checks, crlNotes,
        tcb.evaluationDataNumber());
  }

  private VerifiedTdxQuote.Tcb evaluate(TdxQuote quote, PckExtensions extensions,
      Optional<TdxCollateral> collateral, Instant time, boolean acceptExpiredTcbSigner,
      List<String> checks) throws TdxException {
    if (collateral.isEmpty()) {
      return new VerifiedTdxQuote.Tcb(Optional.empty(), "not evaluated: no TCB info collateral",
          OptionalInt.empty());
    }
    TdxCollateral c = collateral.get();
    X509Certificate signer = c.tcbSigningChain().getFirst();
    Instant signerTime = acceptExpiredTcbSigner && time.isAfter(signer.getNotAfter().toInstant())
        ? signer.getNotAfter().toInstant() : time;
    Crypto.validateChain(c.tcbSigningChain(), root, signerTime, "tdx.tcb-signing-chain",
        "TCB signing chain");
    checks.add(signerTime.equals(time) ? "tdx.tcb-signing-chain"
        : "tdx.tcb-signing-chain (expired signer accepted by option)");
    TcbInfo tcbInfo = TcbInfo.parse(c.tcbInfoJson());
    tcbInfo.signed().verify(signer.getPublicKey(), "tdx.tcb-info.signature", "tcbInfo");
    window("tdx.tcb-info.validity", "tcbInfo", tcbInfo.issueDate(), tcbInfo.nextUpdate(), time);
    if (!Arrays.equals(tcbInfo.fmspc(), extensions.fmspc())) {
      throw new TdxException(COLLATERAL, "tdx.tcb-info.fmspc",
          "tcbInfo FMSPC does not match the PCK certificate's FMSPC");
    }
    if (!Arrays.equals(tcbInfo.pceId(), extensions.pceId())) {
      throw new TdxException(COLLATERAL, "tdx.tcb-info.pce-id",
          "tcbInfo PCE-ID does not match the PCK certificate's PCE-ID");
    }
    checks.add("tdx.tcb-info");
    QeIdentity qeIdentity = QeIdentity.parse(c.qeIdentityJson());
    qeIdentity.signed().verify(signer.getPublicKey(), "tdx.qe-identity.signature",
        "enclaveIdentity");
    window("tdx.qe-identity.validity", "enclaveIdentity", qeIdentity.issueDate(),
        qeIdentity.nextUpdate(), time);
    TcbStatus qeStatus = TcbEvaluation.qeStatus(qeIdentity, quote.qeReport());
    checks.add("tdx.qe-identity");
    try {
      TdxTcbResult tcb = TcbEvaluation.evaluate(tcbInfo, extensions, quote.report(), qeStatus);
      checks.add("tdx.tcb");
      return new VerifiedTdxQuote.Tcb(Optional.of(tcb),
          "TCB level " + tcb.tcbLevelStatus().jsonName() + ", TDX module "
              + tcb.tdxModuleStatus().jsonName() + ", QE " + qeStatus.jsonName() + " => "
              + tcb.status().jsonName(), OptionalInt.of(tcbInfo.evaluationDataNumber()));
    } catch (TdxException e) {
      if (e.kind() != TdxException.Kind.TCB_UNMATCHED) {
        throw e;
      }
      return new VerifiedTdxQuote.Tcb(Optional.empty(), "not evaluated: " + e.getMessage(),
          OptionalInt.of(tcbInfo.evaluationDataNumber()));
    }
  }

  /**
   * The collateral-independent checks: PCK chain (and CRLs), QE report signature, QE binding
   * and quote signature. Returns the PCK certificate's SGX extensions.
   */
  PckExtensions verifySignatures(TdxQuote quote, Optional<X509CRL> rootCrl,
      Optional<X509CRL> pckCrl, Instant time, List<String> checks) throws TdxException {
    return verifySignatures(quote, rootCrl, pckCrl, time, checks, new ArrayList<>());
  }

  /**
   * As above; {@code crlNotes} receives why a CRL was not used (not supplied, or issued by
   * another CA than the one whose certificates it would cover). A CRL that names the right
   * issuer MUST verify, be current and list no certificate of the chain.
   */
  PckExtensions verifySignatures(TdxQuote quote, Optional<X509CRL> rootCrl,
      Optional<X509CRL> pckCrl, Instant time, List<String> checks, List<String> crlNotes)
      throws TdxException {
    List<X509Certificate> chain = quote.pckChain();
    X509Certificate pck = chain.getFirst();
    Crypto.validateChain(chain, root, time, "tdx.pck-chain", "PCK certificate chain");
    checks.add("tdx.pck-chain");
    crl(rootCrl, root, chain.subList(1, chain.size()), time, "Intel root CA CRL",
        "tdx.root-crl", checks, crlNotes);
    crl(pckCrl, chain.get(1), List.of(pck), time, "PCK CRL", "tdx.pck-crl", checks, crlNotes);
    Crypto.verifyEcdsa(pck.getPublicKey(), quote.qeReportSignature(),
        quote.qeReport().encoded(), "tdx.qe-report.signature", "QE report signature");
    checks.add("tdx.qe-report.signature");
    byte[] expected = Arrays.copyOf(
        HashAlgorithm.SHA_256.hash(quote.attestationKey(), quote.qeAuthData()), 64);
    if (!ConstantTime.equals(expected, quote.qeReport().reportData())) {
      throw new TdxException(TdxException.Kind.BINDING, "tdx.qe-binding",
          "QE report data does not bind the attestation key");
    }
    checks.add("tdx.qe-binding");
    Crypto.verifyEcdsa(Crypto.p256(quote.attestationKey(), "attestation key"),
        quote.signature(), quote.signedBytes(), "tdx.quote.signature", "quote signature");
    checks.add("tdx.quote.signature");
    return PckExtensions.of(pck);
  }

  private static void crl(Optional<X509CRL> crl, X509Certificate issuer,
      List<X509Certificate> subjects, Instant time, String what, String check,
      List<String> checks, List<String> notes) throws TdxException {
    if (crl.isEmpty()) {
      notes.add("no " + what + " supplied");
    } else if (!crl.get().getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      notes.add(what + " supplied but not used: issued by "
          + SafeText.escape(crl.get().getIssuerX500Principal().getName())
          + ", not by the issuer it would cover, "
          + SafeText.escape(issuer.getSubjectX500Principal().getName()));
    } else {
      Crypto.checkCrl(crl.get(), issuer, subjects, time, what);
      checks.add(check);
    }
  }

  private static void window(String check, String what, Instant issued, Instant nextUpdate,
      Instant time) throws TdxException {
    if (time.isBefore(issued)) {
      throw new TdxException(COLLATERAL, check, what + " is not yet valid");
    }
    if (time.isAfter(nextUpdate)) {
      throw new TdxException(COLLATERAL, check, what + " has expired");
    }
  }
}
