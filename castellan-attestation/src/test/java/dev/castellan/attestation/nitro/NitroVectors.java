package dev.castellan.attestation.nitro;

import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.EvidenceFormat;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.internal.Pkix;
import dev.castellan.testkit.Vectors;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/** The Nitro vectors of shared/vectors/attestation/nitro with their signed timestamps. */
final class NitroVectors {
  static final String DIR = "attestation/nitro/";

  enum Form { RAW, BASE64, CERT_DER, CERT_PEM }

  record Vector(String file, Form form, Instant timestamp, boolean debug) {
    byte[] documentBytes() throws Exception {
      byte[] raw = Vectors.bytes(DIR + file);
      return switch (form) {
        case RAW -> raw;
        case BASE64 -> EvidenceFormat.decodeText(raw);
        case CERT_DER, CERT_PEM -> CertificateEmbeddedDocument.extract(tlsCertificate());
      };
    }

    X509Certificate tlsCertificate() throws Exception {
      byte[] raw = Vectors.bytes(DIR + file);
      return form == Form.CERT_PEM
          ? Pkix.parsePem(new String(raw, java.nio.charset.StandardCharsets.US_ASCII), "t").getFirst()
          : Pkix.parseDer(raw, "t");
    }

    Evidence evidence() throws Exception {
      return Evidence.of(Platform.NITRO, documentBytes());
    }

    /** A request one minute after the document was signed. */
    VerificationRequest request(Freshness freshness) {
      return VerificationRequest.at(timestamp.plus(Duration.ofMinutes(1)), freshness);
    }
  }

  static final Vector EVERVAULT_VALID = new Vector("evervault_beta_valid-attestation-doc-bytes", Form.RAW,
      Instant.ofEpochMilli(1665651482136L), false);
  static final Vector EVERVAULT_DEBUG = new Vector("evervault_beta_debug-mode-attestation-doc-bytes", Form.RAW,
      Instant.parse("2022-10-12T13:50:06.081Z"), true);
  static final Vector EVERVAULT_BASE64 = new Vector("evervault_valid-attestation-doc-base64", Form.BASE64,
      Instant.parse("2023-09-18T15:03:30.860Z"), true);
  static final Vector EVERVAULT_CERT = new Vector(
      "evervault_beta_non-debug-cert-containing-attestation-document-18-1-23-der.crt", Form.CERT_DER,
      Instant.parse("2023-01-18T13:07:19.280Z"), false);
  static final Vector EVERVAULT_CERT_DEBUG = new Vector(
      "evervault_beta_debug-mode-cert-containing-attestation-doc-18-1-23.pem", Form.CERT_PEM,
      Instant.parse("2023-01-18T15:10:32.312Z"), true);
  static final Vector VERACRUZ = new Vector("veracruz_aws_nitro_document.cbor", Form.RAW,
      Instant.ofEpochMilli(1668034320696L), false);
  static final Vector VERACRUZ_BAD_SIG = new Vector("veracruz_aws_nitro_document_bad_sig.cbor", Form.RAW,
      Instant.ofEpochMilli(1668034320696L), false);

  static final Vector[] VALID = {EVERVAULT_VALID, EVERVAULT_DEBUG, EVERVAULT_BASE64, EVERVAULT_CERT,
      EVERVAULT_CERT_DEBUG, VERACRUZ};

  private NitroVectors() {}
}
