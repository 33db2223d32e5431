package dev.castellan.attestation.tdx;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Intel PCS collateral for verifying one TDX quote: TDX TCB Info and TD QE Identity (raw JSON
 * bodies exactly as served, since their signatures cover raw bytes), the issuer chain of the
 * TCB signing certificate (leaf first, from the PCS {@code TCB-Info-Issuer-Chain} header), and
 * optionally the Intel root CA CRL and the PCK CRL of the PCK's issuing CA.
 *
 * <p>Nothing here is trusted: the verifier checks every signature up to its pinned root and
 * every validity window against the verification time.
 */
public record TdxCollateral(
    byte[] tcbInfoJson,
    byte[] qeIdentityJson,
    List<X509Certificate> tcbSigningChain,
    Optional<X509CRL> rootCrl,
    Optional<X509CRL> pckCrl) {

  public TdxCollateral {
    tcbInfoJson = tcbInfoJson.clone();
    qeIdentityJson = qeIdentityJson.clone();
    tcbSigningChain = List.copyOf(tcbSigningChain);
    if (tcbSigningChain.isEmpty()) {
      throw new IllegalArgumentException("tcbSigningChain must hold the TCB signing certificate");
    }
  }

  /** Collateral without CRLs. */
  public static TdxCollateral of(
      byte[] tcbInfoJson, byte[] qeIdentityJson, List<X509Certificate> tcbSigningChain) {
    return new TdxCollateral(
        tcbInfoJson, qeIdentityJson, tcbSigningChain, Optional.empty(), Optional.empty());
  }

  /** A copy with the given CRLs. */
  public TdxCollateral withCrls(X509CRL rootCrl, X509CRL pckCrl) {
    return new TdxCollateral(tcbInfoJson, qeIdentityJson, tcbSigningChain,
        Optional.of(rootCrl), Optional.of(pckCrl));
  }

  @Override
  public byte[] tcbInfoJson() {
    return tcbInfoJson.clone();
  }

  @Override
  public byte[] qeIdentityJson() {
    return qeIdentityJson.clone();
  }
}
