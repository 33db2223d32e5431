package dev.castellan.attestation.nitro;

import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.MalformedEvidenceException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * Extracts a Nitro attestation document that an enclave embedded in its TLS certificate, as
 * Evervault Cages do: the document is hex-encoded in the second dNSName of the
 * subjectAltName, before the first {@code .}. The enclave binds the certificate by putting its
 * SubjectPublicKeyInfo in {@code user_data}, so verify the extracted document with {@code
 * Freshness.reportData(certificate.getPublicKey().getEncoded())}.
 *
 * <p>Extraction authenticates nothing; the document MUST still be verified.
 */
public final class CertificateEmbeddedDocument {
  private CertificateEmbeddedDocument() {}

  /**
   * The document bytes embedded in {@code certificate}.
   *
   * @throws MalformedEvidenceException if there is no second dNSName or it is not hex
   */
  public static byte[] extract(X509Certificate certificate) throws MalformedEvidenceException {
    List<String> dnsNames = new ArrayList<>();
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names != null) {
        for (List<?> name : names) {
          if (name.size() == 2 && Integer.valueOf(2).equals(name.get(0)) && name.get(1) instanceof String s) {
            dnsNames.add(s);
          }
        }
      }
    } catch (CertificateParsingException | RuntimeException e) {
      throw new MalformedEvidenceException("nitro.embedded", "subjectAltName does not parse");
    }
    if (dnsNames.size() < 2) {
      throw new MalformedEvidenceException("nitro.embedded", "no second dNSName holding a document");
    }
    String name = dnsNames.get(1);
    int dot = name.indexOf('.');
    String hex = dot < 0 ? name : name.substring(0, dot);
    if (hex.isEmpty() || hex.length() % 2 != 0 || hex.length() > 2 * Evidence.MAX_BYTES) {
      throw new MalformedEvidenceException("nitro.embedded", "embedded document has an invalid length");
    }
    try {
      return HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new MalformedEvidenceException("nitro.embedded", "embedded document is not hex");
    }
  }
}
