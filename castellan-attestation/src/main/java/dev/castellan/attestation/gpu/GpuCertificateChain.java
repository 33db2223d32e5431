package dev.castellan.attestation.gpu;

import dev.castellan.attestation.BindingException;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.CertificateChainException;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.SafeText;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.internal.Pkix;
import dev.castellan.core.bytes.Hex;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * The certificate chain of a Hopper GPU report, leaf first and root last: the GSP FMC leaf
 * (the signing key), the per-device GSP BROM CA, the NVIDIA GH100 Provisioner ICA, the NVIDIA
 * GH100 Identity CA and the self-signed NVIDIA Device Identity CA.
 *
 * <p>Validated with explicit checks, in this order, because the JDK's PKIX validator alone
 * accepts a chain of the root only (an empty path) and a chain without the leaf:
 *
 * <ol>
 *   <li>at least the signing certificate and the root ({@code gpu.chain});
 *   <li>the last certificate is byte-identical to a pinned GPU root ({@code gpu.chain});
 *   <li>the leaf carries the FWID extension (OID {@value #FWID_OID}) and its FWID equals the
 *       report's opaque FWID item ({@code gpu.fwid});
 *   <li>each certificate names the next as its issuer and is signed by its key with
 *       ecdsa-with-SHA384; every key is P-384; every issuer is a CA (basicConstraints, path
 *       length, keyCertSign) and the leaf is not; every certificate is valid at the
 *       verification time; no certificate has a critical extension other than
 *       basicConstraints and keyUsage ({@code gpu.chain});
 *   <li>exactly {@value #HOPPER_CHAIN_LENGTH} certificates, the Hopper structure ({@code
 *       gpu.chain});
 *   <li>and, on top, the JDK's PKIX validation to the pinned root ({@code gpu.chain}).
 * </ol>
 */
public final class GpuCertificateChain {
  /** The TCG DICE TcbInfo OID NVIDIA uses for the leaf's FWID. */
  public static final String FWID_OID = "2.23.133.5.4.1";

  /** Leaf, device CA (BROM), provisioner ICA, identity CA, root. */
  public static final int HOPPER_CHAIN_LENGTH = 5;

  static final String CHECK = "gpu.chain";
  static final String FWID_CHECK = "gpu.fwid";

  private static final String ECDSA_WITH_SHA384 = "1.2.840.10045.4.3.3";
  private static final ASN1ObjectIdentifier SHA384 = new ASN1ObjectIdentifier("2.16.840.1.101.3.4.2.2");
  private static final Set<String> ALLOWED_CRITICAL = Set.of("2.5.29.15", "2.5.29.19");
  private static final int DIGITAL_SIGNATURE = 0;
  private static final int KEY_CERT_SIGN = 5;

  private GpuCertificateChain() {}

  /**
   * Parses a PEM chain strictly (leaf first).
   *
   * @throws MalformedEvidenceException ({@code gpu.chain}) if the text is not strict PEM
   */
  public static List<X509Certificate> parsePem(String pem) throws MalformedEvidenceException {
    return Pkix.parsePem(pem, CHECK);
  }

  /**
   * Validates {@code chain} for a report whose opaque FWID is {@code reportFwid} (empty if the
   * report has none), as described above.
   *
   * @return the pinned root the chain ends in
   */
  public static PinnedCertificate validate(
      List<X509Certificate> chain, TrustAnchors anchors, Instant time, java.util.Optional<ByteString> reportFwid)
      throws CertificateChainException, BindingException {
    if (chain.size() < 2) {
      throw new CertificateChainException(CHECK,
          "certificate chain must have at least the signing certificate and the root CA", "at least 2 certificates",
          chain.size() + "");
    }
    if (chain.size() > Pkix.MAX_CHAIN_LENGTH) {
      throw new CertificateChainException(CHECK, "certificate chain is too long", "at most " + Pkix.MAX_CHAIN_LENGTH,
          chain.size() + "");
    }
    X509Certificate last = chain.getLast();
    PinnedCertificate root = anchors.matchRoot(Platform.GPU, last).orElseThrow(() -> new CertificateChainException(
        CHECK, "the chain's last certificate is not the pinned NVIDIA root",
        "one of " + anchors.roots(Platform.GPU).stream().map(PinnedCertificate::name).toList(),
        "sha256 " + Hex.encode(Pkix.sha256(last))));
    bindFwid(chain.getFirst(), reportFwid);
    for (int i = 0; i < chain.size(); i++) {
      checkCertificate(chain, i, time);
    }
    if (chain.size() != HOPPER_CHAIN_LENGTH) {
      throw new CertificateChainException(CHECK,
          "certificate chain does not have the Hopper structure (leaf, device CA, provisioner, identity, root)",
          HOPPER_CHAIN_LENGTH + " certificates", chain.size() + "");
    }
    Pkix.validate(chain, anchors, Platform.GPU, time, List.of(), CHECK);
    return root;
  }

  /** The leaf's FWID: the OCTET STRING of the last element, {@code SEQUENCE {sha384, OCTET STRING (48)}}. */
  static ByteString fwid(X509Certificate leaf) throws BindingException {
    byte[] extension = leaf.getExtensionValue(FWID_OID);
    if (extension == null) {
      throw new BindingException(FWID_CHECK,
          "FWID extension (OID " + FWID_OID + ") not found in the NVIDIA signing certificate");
    }
    try {
      ASN1Sequence tcbInfo = ASN1Sequence.getInstance(
          ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extension).getOctets()));
      ASN1Encodable lastElement = tcbInfo.getObjectAt(tcbInfo.size() - 1);
      ASN1Sequence fwid = ASN1Sequence.getInstance(lastElement);
      if (fwid.size() != 2 || !SHA384.equals(ASN1ObjectIdentifier.getInstance(fwid.getObjectAt(0)))) {
        throw new BindingException(FWID_CHECK, "FWID extension does not end in SEQUENCE {sha384, OCTET STRING}");
      }
      byte[] digest = ASN1OctetString.getInstance(fwid.getObjectAt(1)).getOctets();
      if (digest.length != MeasurementBlock.DIGEST_SIZE) {
        throw new BindingException(FWID_CHECK, "FWID is not a SHA-384 digest", "48 bytes", digest.length + " bytes");
      }
      return ByteString.of(digest);
    } catch (java.io.IOException | RuntimeException e) {
      throw new BindingException(FWID_CHECK, "FWID extension does not parse", e);
    }
  }

  private static void bindFwid(X509Certificate leaf, java.util.Optional<ByteString> reportFwid) throws BindingException {
    ByteString certified = fwid(leaf);
    if (reportFwid.isEmpty()) {
      throw new BindingException(FWID_CHECK, "report has no FWID opaque item (type 20)", certified.hex(), "absent");
    }
    if (!certified.equals(reportFwid.get())) {
      throw new BindingException(FWID_CHECK, "report FWID differs from the signing certificate's FWID",
          certified.hex(), reportFwid.get().hex());
    }
  }

  private static void checkCertificate(List<X509Certificate> chain, int i, Instant time)
      throws CertificateChainException {
    X509Certificate cert = chain.get(i);
    boolean isRoot = i == chain.size() - 1;
    X509Certificate issuer = isRoot ? cert : chain.get(i + 1);
    String what = String.format(Locale.ROOT, "certificate %d (%s)", i, SafeText.escape(cert.getSubjectX500Principal().getName()));
    requireP384(cert.getPublicKey(), what);
    if (!ECDSA_WITH_SHA384.equals(cert.getSigAlgOID())) {
      throw new CertificateChainException(CHECK, "report certificate chain failed to verify: " + what
          + " is not signed with ecdsa-with-SHA384", ECDSA_WITH_SHA384, cert.getSigAlgOID());
    }
    if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      throw new CertificateChainException(CHECK, "report certificate chain failed to verify: " + what
          + (isRoot ? " is not self-issued" : " is not issued by certificate " + (i + 1)),
          SafeText.escape(issuer.getSubjectX500Principal().getName()), SafeText.escape(cert.getIssuerX500Principal().getName()));
    }
    try {
      cert.verify(issuer.getPublicKey());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CertificateChainException(CHECK, "report certificate chain failed to verify: the signature of "
          + what + " does not verify with the key of certificate " + (isRoot ? i : i + 1), e);
    }
    try {
      cert.checkValidity(Date.from(time));
    } catch (java.security.cert.CertificateException e) {
      throw new CertificateChainException(CHECK, what + " is not valid at " + time,
          cert.getNotBefore().toInstant() + ".." + cert.getNotAfter().toInstant(), time.toString());
    }
    Set<String> critical = cert.getCriticalExtensionOIDs();
    if (critical != null && !ALLOWED_CRITICAL.containsAll(critical)) {
      throw new CertificateChainException(CHECK, what + " has an unrecognised critical extension");
    }
    boolean[] keyUsage = cert.getKeyUsage();
    if (i == 0) {
      if (cert.getBasicConstraints() >= 0) {
        throw new CertificateChainException(CHECK, "the signing certificate is a CA certificate");
      }
      if (keyUsage != null && !keyUsage[DIGITAL_SIGNATURE]) {
        throw new CertificateChainException(CHECK, "the signing certificate's key usage lacks digitalSignature");
      }
      return;
    }
    int pathLength = cert.getBasicConstraints();
    if (pathLength < 0) {
      throw new CertificateChainException(CHECK, what + " issues certificates but is not a CA (basicConstraints)");
    }
    // Intermediate CAs between this one and the leaf: certificates 1..i-1.
    if (i - 1 > pathLength) {
      throw new CertificateChainException(CHECK, what + " path length constraint exceeded", "at most " + pathLength,
          (i - 1) + " intermediate CAs below");
    }
    if (keyUsage == null || keyUsage.length <= KEY_CERT_SIGN || !keyUsage[KEY_CERT_SIGN]) {
      throw new CertificateChainException(CHECK, what + " key usage lacks keyCertSign");
    }
  }

  private static void requireP384(PublicKey key, String what) throws CertificateChainException {
    if (!GpuSignature.isP384(key)) {
      throw new CertificateChainException(CHECK, what + " does not have an ECDSA P-384 key");
    }
  }
}
