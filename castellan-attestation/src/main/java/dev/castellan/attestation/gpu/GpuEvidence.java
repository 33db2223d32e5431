package dev.castellan.attestation.gpu;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.internal.Pkix;
import dev.castellan.core.hash.HashAlgorithm;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A GPU's evidence as the verifier receives it: the report bytes (request ‖ response, as the
 * device gave them) and the certificate chain, leaf first. Immutable.
 */
public final class GpuEvidence {
  private final byte[] report;
  private final List<X509Certificate> chain;

  private GpuEvidence(byte[] report, List<X509Certificate> chain) {
    this.report = report;
    this.chain = List.copyOf(chain);
  }

  /**
   * The report and a chain given as PEM text (leaf first, root last), parsed strictly.
   *
   * @throws MalformedEvidenceException if the report is empty or larger than {@link
   *     Evidence#MAX_BYTES}, or the PEM is malformed ({@code gpu.chain})
   */
  public static GpuEvidence of(byte[] report, String pemChain) throws MalformedEvidenceException {
    return of(report, GpuCertificateChain.parsePem(pemChain));
  }

  /** The report and an already parsed chain, leaf first. */
  public static GpuEvidence of(byte[] report, List<X509Certificate> chain) throws MalformedEvidenceException {
    if (report.length == 0 || report.length > Evidence.MAX_BYTES) {
      throw new MalformedEvidenceException("evidence.size", "evidence size out of bounds",
          "1.." + Evidence.MAX_BYTES + " bytes", report.length + " bytes");
    }
    if (chain.size() > Pkix.MAX_CHAIN_LENGTH) {
      throw new MalformedEvidenceException(GpuCertificateChain.CHECK, "too many certificates",
          "at most " + Pkix.MAX_CHAIN_LENGTH, chain.size() + "");
    }
    return new GpuEvidence(report.clone(), chain);
  }

  /** A fresh copy of the report bytes. */
  public byte[] report() {
    return report.clone();
  }

  byte[] reportUnsafe() {
    return report;
  }

  /** The certificates, leaf first. */
  public List<X509Certificate> chain() {
    return chain;
  }

  /**
   * The GPU digest, {@code SHA-256(report ‖ DER(chain[0]) ‖ … ‖ DER(chain[n-1]))}: the report
   * bytes exactly as given (trailing bytes included) followed by each certificate's DER in
   * chain order, leaf first. This is the value a CVM's REPORT_DATA commits to for its GPU.
   */
  public ByteString digest() {
    MessageDigest digest = HashAlgorithm.SHA_256.newDigest();
    digest.update(report);
    for (X509Certificate certificate : chain) {
      try {
        digest.update(certificate.getEncoded());
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("a parsed certificate cannot be encoded", e);
      }
    }
    return ByteString.of(digest.digest());
  }

  @Override
  public String toString() {
    return "GpuEvidence[" + report.length + " bytes, " + chain.size() + " certificates]";
  }
}
