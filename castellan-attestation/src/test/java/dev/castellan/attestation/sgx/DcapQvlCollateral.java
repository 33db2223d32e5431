package dev.castellan.attestation.sgx;

import dev.castellan.attestation.tdx.TdxCollateral;
import dev.castellan.core.bytes.Hex;
import dev.castellan.testkit.Vectors;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads dcap-qvl's collateral JSON (vectors/attestation/extra/README.md, "dcap-qvl"): the TCB
 * Info and QE Identity bodies are strings whose exact bytes the hex r‖s signatures cover, so
 * each is wrapped as an Intel PCS response ({@code {"tcbInfo":<body>,"signature":"<hex>"}})
 * without re-serialising it; the issuer chains are PEM, the CRLs DER in hex.
 */
public final class DcapQvlCollateral {
  private DcapQvlCollateral() {}

  /** The collateral in {@code relative} (a path inside the vectors folder), with both CRLs. */
  public static TdxCollateral load(String relative) throws Exception {
    JsonNode json = Vectors.json(relative);
    return TdxCollateral.of(
            pcs("tcbInfo", text(json, "tcb_info"), text(json, "tcb_info_signature")),
            pcs("enclaveIdentity", text(json, "qe_identity"), text(json, "qe_identity_signature")),
            certificates(text(json, "tcb_info_issuer_chain")))
        .withCrls(crl(text(json, "root_ca_crl")), crl(text(json, "pck_crl")));
  }

  /** An Intel PCS response body around the signed {@code body}. */
  public static byte[] pcs(String member, String body, String signatureHex) {
    return ("{\"" + member + "\":" + body + ",\"signature\":\"" + signatureHex + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String text(JsonNode json, String name) {
    JsonNode value = json.get(name);
    if (value == null || !value.isString()) {
      throw new IllegalArgumentException("dcap-qvl collateral lacks " + name);
    }
    return value.stringValue();
  }

  @SuppressWarnings("unchecked")
  private static List<X509Certificate> certificates(String pem) throws Exception {
    return (List<X509Certificate>) (List<?>) List.copyOf(CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
  }

  private static X509CRL crl(String hex) throws Exception {
    return (X509CRL) CertificateFactory.getInstance("X.509")
        .generateCRL(new ByteArrayInputStream(Hex.decode(hex)));
  }
}
