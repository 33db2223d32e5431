package dev.castellan.attestation.sgx;

import static dev.castellan.attestation.PlatformException.Kind.BINDING;
import static dev.castellan.attestation.PlatformException.Kind.COLLATERAL;

import dev.castellan.attestation.Check;
import dev.castellan.attestation.PlatformException;
import dev.castellan.attestation.tdx.Crypto;
import dev.castellan.attestation.tdx.PckExtensions;
import dev.castellan.attestation.tdx.QeIdentity;
import dev.castellan.attestation.tdx.TdxCollateral;
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
 * Verifies the cryptographic evidence of an SGX quote against Intel collateral, with the DCAP
 * machinery of the TDX package (Intel QVL flow): PCK chain to the pinned root (plus CRLs when
 * given), QE report signature by the PCK key, the QE report data binding of the attestation
 * key, the quote signature by the attestation key, TCB Info (SGX) and QE Identity (QE)
 * signatures and validity windows, FMSPC/PCE-ID match, and TCB level evaluation.
 *
 * <p>The verification time is explicit (quotes carry none). Policy is not applied here.
 */
final class SgxQuoteVerifier {
  private final X509Certificate root;
  private final boolean acceptExpiredTcbSigner;

  SgxQuoteVerifier(X509Certificate root, boolean acceptExpiredTcbSigner) {
    this.root = Objects.requireNonNull(root, "root");
    this.acceptExpiredTcbSigner = acceptExpiredTcbSigner;
  }

  VerifiedSgxQuote verify(SgxQuote quote, Optional<TdxCollateral> collateral, Instant time)
      throws PlatformException {
    List<Check> checks = new ArrayList<>();
    String at = "verified at " + time;
    List<X509Certificate> chain = quote.pckChain();
    X509Certificate pck = chain.getFirst();
    Crypto.validateChain(chain, root, time, "sgx.pck-chain", "PCK certificate chain");
    checks.add(Check.pass("sgx.pck-chain", at));
    Optional<X509CRL> rootCrl = collateral.flatMap(TdxCollateral::rootCrl);
    Optional<X509CRL> pckCrl = collateral.flatMap(TdxCollateral::pckCrl);
    if (rootCrl.isPresent()) {
      Crypto.checkCrl(rootCrl.get(), root, chain.subList(1, chain.size()), time,
          "Intel root CA CRL");
      checks.add(Check.pass("sgx.root-ca.crl", "no certificate of the chain is revoked"));
    } else {
      checks.add(Check.skip("sgx.root-ca.crl", "no Intel root CA CRL supplied"));
    }
    if (pckCrl.isPresent()) {
      Crypto.checkCrl(pckCrl.get(), chain.get(1), List.of(pck), time, "PCK CRL");
      checks.add(Check.pass("sgx.pck-ca.crl", "the PCK certificate is not revoked"));
    } else {
      checks.add(Check.skip("sgx.pck-ca.crl", "no PCK CRL supplied"));
    }
    Crypto.verifyEcdsa(pck.getPublicKey(), quote.qeReportSignature(),
        quote.qeReport().encoded(), "sgx.qe-report.signature", "QE report signature");
    checks.add(Check.pass("sgx.qe-report.signature", "signed by the PCK key"));
    byte[] expected = Arrays.copyOf(
        HashAlgorithm.SHA_256.hash(quote.attestationKey(), quote.qeAuthData()), 64);
    if (!ConstantTime.equals(expected, quote.qeReport().reportData())) {
      throw new SgxException(BINDING, "sgx.qe-binding",
          "QE report data does not bind the attestation key");
    }
    checks.add(Check.pass("sgx.qe-binding", "QE report data = SHA-256(attestation key, auth data)"));
    Crypto.verifyEcdsa(Crypto.p256(quote.attestationKey(), "attestation key"),
        quote.signature(), quote.signedBytes(), "sgx.quote.signature", "quote signature");
    checks.add(Check.pass("sgx.quote.signature", "signed by the attestation key"));
    PckExtensions extensions = PckExtensions.of(pck);
    if (collateral.isEmpty()) {
      checks.add(Check.skip("sgx.tcb", "not evaluated: no SGX TCB Info collateral"));
      return new VerifiedSgxQuote(quote, extensions, Optional.empty(), checks);
    }
    TdxCollateral c = collateral.get();
    X509Certificate signer = c.tcbSigningChain().getFirst();
    Instant signerTime = acceptExpiredTcbSigner && time.isAfter(signer.getNotAfter().toInstant())
        ? signer.getNotAfter().toInstant() : time;
    Crypto.validateChain(c.tcbSigningChain(), root, signerTime, "sgx.tcb-signing-chain",
        "TCB signing chain");
    checks.add(Check.pass("sgx.tcb-signing-chain", signerTime.equals(time) ? at
        : at + " (expired signer accepted by option)"));
    SgxTcbInfo tcbInfo = SgxTcbInfo.parse(c.tcbInfoJson());
    tcbInfo.signed().verify(signer.getPublicKey(), "sgx.tcb-info.signature", "tcbInfo");
    window("sgx.tcb-info.validity", "tcbInfo", tcbInfo.issueDate(), tcbInfo.nextUpdate(), time);
    if (!Arrays.equals(tcbInfo.fmspc(), extensions.fmspc())) {
      throw new SgxException(COLLATERAL, "sgx.tcb-info.fmspc",
          "tcbInfo FMSPC does not match the PCK certificate's FMSPC");
    }
    if (!Arrays.equals(tcbInfo.pceId(), extensions.pceId())) {
      throw new SgxException(COLLATERAL, "sgx.tcb-info.pce-id",
          "tcbInfo PCE-ID does not match the PCK certificate's PCE-ID");
    }
    checks.add(Check.pass("sgx.tcb-info", "signed, current, FMSPC and PCE-ID match"));
    QeIdentity qeIdentity = QeIdentity.parse(c.qeIdentityJson(), "QE");
    qeIdentity.signed().verify(signer.getPublicKey(), "sgx.qe-identity.signature",
        "enclaveIdentity");
    window("sgx.qe-identity.validity", "enclaveIdentity", qeIdentity.issueDate(),
        qeIdentity.nextUpdate(), time);
    try {
      SgxTcbResult tcb = SgxTcbEvaluation.evaluate(tcbInfo, extensions, qeIdentity,
          quote.qeReport());
      checks.add(Check.pass("sgx.qe-identity", "QE identity matches, QE status "
          + tcb.qeStatus().jsonName()));
      checks.add(Check.pass("sgx.tcb", "TCB level " + tcb.tcbLevelStatus().jsonName() + ", QE "
          + tcb.qeStatus().jsonName() + " => " + tcb.status().jsonName()));
      return new VerifiedSgxQuote(quote, extensions, Optional.of(tcb), checks);
    } catch (SgxException e) {
      if (e.kind() != PlatformException.Kind.TCB_UNMATCHED) {
        throw e;
      }
      checks.add(Check.pass("sgx.qe-identity", "QE identity matches"));
      checks.add(Check.skip("sgx.tcb", "not evaluated: " + e.getMessage()));
      return new VerifiedSgxQuote(quote, extensions, Optional.empty(), checks);
    }
  }

  private static void window(String check, String what, Instant issued, Instant nextUpdate,
      Instant time) throws SgxException {
    if (time.isBefore(issued)) {
      throw new SgxException(COLLATERAL, check, what + " is not yet valid");
    }
    if (time.isAfter(nextUpdate)) {
      throw new SgxException(COLLATERAL, check, what + " has expired");
    }
  }
}
