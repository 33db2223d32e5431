package dev.castellan.attestation.internal;

import dev.castellan.attestation.CertificateChainException;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.core.hash.HashAlgorithm;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * X.509 parsing and PKIX path validation shared by the verifiers, with every library
 * exception wrapped into an {@code AttestationException} that names the check.
 */
public final class Pkix {
  /** Largest DER certificate accepted: real ones here are under 2 KB; 16 KB is generous. */
  public static final int MAX_CERTIFICATE_BYTES = 16 * 1024;

  /** Most certificates accepted in one chain or PEM bundle. */
  public static final int MAX_CHAIN_LENGTH = 8;

  private Pkix() {}

  public static byte[] sha256(X509Certificate certificate) {
    try {
      return HashAlgorithm.SHA_256.hash(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }

  /**
   * Parses one DER certificate strictly: size bounded, no trailing bytes, DER (BouncyCastle's
   * DER re-encoding must reproduce the input) and a signature BIT STRING without unused
   * bits. The JDK alone accepts an outer encoding that differs from DER outside the signed
   * TBSCertificate (for example a signature BIT STRING declaring unused bits), which would
   * make certificates malleable.
   *
   * @throws MalformedEvidenceException naming {@code check}
   */
  public static X509Certificate parseDer(byte[] der, String check)
      throws MalformedEvidenceException {
    if (der.length == 0 || der.length > MAX_CERTIFICATE_BYTES) {
      throw new MalformedEvidenceException(
          check, "certificate size out of bounds", "1.." + MAX_CERTIFICATE_BYTES, "" + der.length);
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      X509Certificate cert =
          (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
      if (!Arrays.equals(cert.getEncoded(), der)) {
        throw new MalformedEvidenceException(check, "certificate has trailing or non-DER bytes");
      }
      org.bouncycastle.asn1.x509.Certificate structure =
          org.bouncycastle.asn1.x509.Certificate.getInstance(
              org.bouncycastle.asn1.ASN1Primitive.fromByteArray(der));
      if (!Arrays.equals(structure.getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER), der)
          || structure.getSignature().getPadBits() != 0) {
        throw new MalformedEvidenceException(check, "certificate is not strict DER");
      }
      return cert;
    } catch (CertificateException | java.io.IOException | RuntimeException e) {
      throw new MalformedEvidenceException(check, "certificate does not parse", e);
    }
  }

  /**
   * Parses every {@code CERTIFICATE} block of a PEM text, in order, strictly: {@link
   * StrictPem} for the text, {@link #parseDer} for each certificate.
   *
   * @throws MalformedEvidenceException if a block is malformed or there are none or too many
   */
  public static List<X509Certificate> parsePem(String pem, String check)
      throws MalformedEvidenceException {
    List<X509Certificate> out = new ArrayList<>();
    for (byte[] der : StrictPem.certificates(pem, MAX_CHAIN_LENGTH, check)) {
      out.add(parseDer(der, check));
    }
    if (out.isEmpty()) {
      throw new MalformedEvidenceException(check, "no PEM certificate found");
    }
    return out;
  }

  /** {@link #parsePem} for trusted resources: failure is a packaging bug. */
  static List<X509Certificate> parsePemOrThrow(String pem) {
    try {
      return parsePem(pem, "anchors.bundled");
    } catch (MalformedEvidenceException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * Validates {@code chain} (leaf first, optionally ending in a root) with PKIX at {@code
   * time} against the pinned roots of {@code platform}. A self-signed last certificate must
   * be byte-identical to a pinned root (it is then dropped from the path); otherwise the path
   * must chain to one. Revocation is checked only when {@code crls} is non-empty, and then
   * every certificate needs a CRL.
   *
   * @return the pinned root the chain ends in
   * @throws CertificateChainException naming {@code check}
   */
  public static PinnedCertificate validate(
      List<X509Certificate> chain,
      TrustAnchors anchors,
      Platform platform,
      Instant time,
      List<X509CRL> crls,
      String check)
      throws CertificateChainException {
    if (chain.isEmpty() || chain.size() > MAX_CHAIN_LENGTH) {
      throw new CertificateChainException(
          check, "chain length out of bounds", "1.." + MAX_CHAIN_LENGTH, "" + chain.size());
    }
    List<PinnedCertificate> roots = anchors.roots(platform);
    if (roots.isEmpty()) {
      throw new CertificateChainException(check, "no pinned root for " + platform);
    }
    List<X509Certificate> path = new ArrayList<>(chain);
    X509Certificate last = path.getLast();
    if (path.size() > 1 && last.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
      if (anchors.matchRoot(platform, last).isEmpty()) {
        throw new CertificateChainException(
            check,
            "the chain's root is not a pinned root",
            "one of " + roots.stream().map(PinnedCertificate::name).toList(),
            "sha256 " + dev.castellan.core.bytes.Hex.encode(sha256(last)));
      }
      path.removeLast();
    }
    Set<TrustAnchor> trust = new HashSet<>();
    for (PinnedCertificate root : roots) {
      trust.add(new TrustAnchor(root.certificate(), null));
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      CertPath certPath = factory.generateCertPath(path);
      PKIXParameters params = new PKIXParameters(trust);
      params.setDate(Date.from(time));
      params.setRevocationEnabled(!crls.isEmpty());
      if (!crls.isEmpty()) {
        params.addCertStore(
            CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
      }
      var result =
          (java.security.cert.PKIXCertPathValidatorResult)
              CertPathValidator.getInstance("PKIX").validate(certPath, params);
      X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
      return anchors
          .matchRoot(platform, anchor)
          .orElseThrow(() -> new CertificateChainException(check, "anchor not pinned"));
    } catch (java.security.cert.CertPathValidatorException e) {
      throw new CertificateChainException(
          check,
          String.format(
              Locale.ROOT,
              "certificate path does not validate at %s: %s (certificate %d)",
              time,
              reason(e),
              e.getIndex()),
          e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CertificateChainException(check, "certificate path cannot be built", e);
    }
  }

  private static String reason(java.security.cert.CertPathValidatorException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    String name = cause.getClass().getSimpleName();
    return switch (cause) {
      case java.security.cert.CertificateExpiredException x -> "certificate expired";
      case java.security.cert.CertificateNotYetValidException x -> "certificate not yet valid";
      case java.security.SignatureException x -> "signature does not verify";
      default -> e.getReason() + " " + name;
    };
  }
}
