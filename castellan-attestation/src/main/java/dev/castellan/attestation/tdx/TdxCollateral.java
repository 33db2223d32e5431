package dev.castellan.attestation.tdx;

import dev.castellan.attestation.CollateralException;
import dev.castellan.attestation.CollateralKey;
import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.Platform;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Intel PCS collateral for verifying one TDX quote: TDX TCB Info and TD QE Identity (raw JSON
 * bodies exactly as served, since their signatures cover raw bytes), the issuer chain of the
 * TCB signing certificate (leaf first, from the PCS {@code TCB-Info-Issuer-Chain} header), and
 * optionally the Intel root CA CRL and the PCK CRL of the PCK's issuing CA.
 *
 * <p>From a {@link CollateralSource} ({@link #load}) the items are read under platform TDX with
 * kinds {@code tcb-info} (id: FMSPC in lower-case hex), {@code qe-identity},
 * {@code tcb-signing-chain} (PEM), {@code root-crl} and {@code pck-crl} (DER or PEM).
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

  static final String TCB_INFO = "tcb-info";
  static final String QE_IDENTITY = "qe-identity";
  static final String TCB_SIGNING_CHAIN = "tcb-signing-chain";
  static final String ROOT_CRL = "root-crl";
  static final String PCK_CRL = "pck-crl";

  /**
   * Reads the collateral for a platform with {@code fmspcHex}; empty when the source has no
   * TCB info for it.
   *
   * @throws CollateralException if TCB info exists but another required item is missing or
   *     unreadable
   */
  public static Optional<TdxCollateral> load(CollateralSource source, String fmspcHex)
      throws CollateralException {
    return load(source, Platform.TDX, fmspcHex);
  }

  /**
   * {@link #load(CollateralSource, String)} for the DCAP platform {@code platform}: the same
   * kinds under {@link Platform#TDX} or {@link Platform#SGX} (whose TCB Info and QE Identity
   * differ, while the CRLs and the TCB signing chain are the same Intel items).
   */
  public static Optional<TdxCollateral> load(CollateralSource source, Platform platform,
      String fmspcHex) throws CollateralException {
    Optional<byte[]> tcbInfo = source.find(new CollateralKey(platform, TCB_INFO, fmspcHex));
    if (tcbInfo.isEmpty()) {
      return Optional.empty();
    }
    byte[] qeIdentity = source.find(CollateralKey.of(platform, QE_IDENTITY))
        .orElseThrow(() -> new CollateralException("tdx.collateral", "no TD QE identity"));
    byte[] chainPem = source.find(CollateralKey.of(platform, TCB_SIGNING_CHAIN))
        .orElseThrow(() -> new CollateralException("tdx.collateral", "no TCB signing chain"));
    try {
      List<X509Certificate> chain = TdxQuote.parsePemChain(chainPem, 1);
      Optional<X509CRL> rootCrl = crl(source, platform, ROOT_CRL);
      Optional<X509CRL> pckCrl = crl(source, platform, PCK_CRL);
      return Optional.of(new TdxCollateral(tcbInfo.get(), qeIdentity, chain, rootCrl, pckCrl));
    } catch (TdxException e) {
      throw new CollateralException("tdx.collateral", "TCB signing chain is malformed", e);
    }
  }

  /** The CRL of {@code kind} ({@link #ROOT_CRL} or {@link #PCK_CRL}) for {@code platform} in the source, if any. */
  static Optional<X509CRL> crl(CollateralSource source, Platform platform, String kind)
      throws CollateralException {
    Optional<byte[]> bytes = source.find(CollateralKey.of(platform, kind));
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of((X509CRL) CertificateFactory.getInstance("X.509")
          .generateCRL(new ByteArrayInputStream(bytes.get())));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CollateralException("tdx.collateral", kind + " is not a valid CRL", e);
    }
  }

  /** This collateral as an in-memory {@link CollateralSource} (for tests and caches). */
  public CollateralSource toSource() {
    return toSource(Platform.TDX);
  }

  /** {@link #toSource()} with the items filed under {@code platform} (TDX or SGX). */
  public CollateralSource toSource(Platform platform) {
    return CollateralSource.of(entries(platform));
  }

  /** The items of {@link #toSource(Platform)}, each under its key (fresh copies). */
  public Map<CollateralKey, byte[]> entries(Platform platform) {
    Map<CollateralKey, byte[]> entries = new HashMap<>();
    entries.put(CollateralKey.of(platform, TCB_INFO), tcbInfoJson);
    entries.put(CollateralKey.of(platform, QE_IDENTITY), qeIdentityJson);
    StringBuilder pem = new StringBuilder();
    try {
      for (X509Certificate cert : tcbSigningChain) {
        pem.append("-----BEGIN CERTIFICATE-----\n")
            .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cert.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      }
      entries.put(CollateralKey.of(platform, TCB_SIGNING_CHAIN),
          pem.toString().getBytes(StandardCharsets.US_ASCII));
      if (rootCrl.isPresent()) {
        entries.put(CollateralKey.of(platform, ROOT_CRL), rootCrl.get().getEncoded());
      }
      if (pckCrl.isPresent()) {
        entries.put(CollateralKey.of(platform, PCK_CRL), pckCrl.get().getEncoded());
      }
    } catch (CertificateEncodingException | CRLException e) {
      throw new IllegalStateException("parsed certificate cannot be re-encoded", e);
    }
    return entries;
  }
}
