package dev.castellan.attestation.tpm;

import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Platform;
import dev.castellan.core.bytes.Hex;
import dev.castellan.testkit.Vectors;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Converts the shared TPM vectors (three upstream formats) into {@link TpmEvidence}. */
final class TpmVectors {
  static final String TRUSTEE = "attestation/tpm/trustee_tpm_evidence.json";
  static final String GCE_NONCE = "attestation/tpm/go-tpm-tools_gce-cos-85-nonce9009.pb";
  static final String GCE_NO_NONCE = "attestation/tpm/go-tpm-tools_gce-cos-85-no-nonce.pb";
  static final String AZURE_TDX_QUOTE = "attestation/tdx/azure-vtpm/trustee_az-tdx-vtpm_tpm-quote-v1.json";
  static final String AZURE_TDX_HCL = "attestation/tdx/azure-vtpm/trustee_az-tdx-vtpm_hcl-report.bin";
  static final String AZURE_SNP_QUOTE = "attestation/sev-snp/azure-vtpm/trustee_az-snp-vtpm_tpm-quote-v1.json";
  static final String AZURE_SNP_HCL = "attestation/sev-snp/azure-vtpm/trustee_az-snp-vtpm_hcl-report.bin";
  static final String GCE_INTERMEDIATE = "attestation/tpm/go-tpm-tools_tpm_ek_intermediate_2.crt";

  private TpmVectors() {}

  static Evidence evidence(TpmEvidence evidence) throws Exception {
    return Evidence.of(Platform.TPM, evidence.encode());
  }

  /** The PCR values a quote selects, picked from a full bank listing (index -> value). */
  static List<byte[]> selected(byte[] attest, Map<Integer, byte[]> bank) throws Exception {
    List<byte[]> values = new ArrayList<>();
    for (TpmsAttest.PcrSelection selection : TpmsAttest.parse(attest).selections()) {
      for (int index : selection.pcrs()) {
        values.add(bank.get(index));
      }
    }
    return values;
  }

  static Map<Integer, byte[]> hexList(JsonNode pcrs) {
    Map<Integer, byte[]> bank = new HashMap<>();
    for (int i = 0; i < pcrs.size(); i++) {
      bank.put(i, Hex.decode(pcrs.get(i).asString()));
    }
    return bank;
  }

  /** trustee tpm_evidence.json: base64 SPKI, base64 TPMS_ATTEST and TPMT_SIGNATURE. */
  static TpmEvidence trustee() throws Exception {
    JsonNode json = Vectors.json(TRUSTEE);
    JsonNode quote = json.get("tpm_quote");
    byte[] attest = Base64.getDecoder().decode(quote.get("message").asString());
    byte[] signature = Base64.getDecoder().decode(quote.get("signature").asString());
    PublicKey ak = TpmEvidence.spki(Base64.getDecoder().decode(json.get("ak_public").asString()));
    return new TpmEvidence(
        List.of(new TpmQuote(attest, signature, selected(attest, hexList(quote.get("pcrs"))))),
        Optional.of(ak), List.of());
  }

  /** trustee Azure tpm-quote-v1.json: hex TPMS_ATTEST, raw RSASSA-SHA256 signature, PCRs. */
  static TpmEvidence azure(String quoteFile, String hclFile) throws Exception {
    JsonNode json = Vectors.json(quoteFile);
    byte[] attest = Hex.decode(json.get("message").asString());
    byte[] raw = Hex.decode(json.get("signature").asString());
    byte[] signature = ByteBuffer.allocate(6 + raw.length)
        .putShort((short) 0x0014).putShort((short) 0x000b).putShort((short) raw.length)
        .put(raw).array();
    return new TpmEvidence(
        List.of(new TpmQuote(attest, signature, selected(attest, hexList(json.get("pcrs"))))),
        Optional.of(hclAkPub(Vectors.bytes(hclFile))), List.of());
  }

  /** The runtime-claims JSON of an Azure HCL report (IGVM request data at offset 1216). */
  static byte[] hclRuntimeJson(byte[] hcl) {
    int size = ByteBuffer.wrap(hcl, 1232, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    return java.util.Arrays.copyOfRange(hcl, 1236, 1236 + size);
  }

  /** HCLAkPub (an RSA JWK) from the HCL runtime claims. */
  static PublicKey hclAkPub(byte[] hcl) throws Exception {
    JsonNode claims = new ObjectMapper().readTree(
        new String(hclRuntimeJson(hcl), StandardCharsets.UTF_8).trim().replace("\0", ""));
    for (JsonNode key : claims.get("keys")) {
      if (key.get("kid").asString().equals("HCLAkPub")) {
        Base64.Decoder url = Base64.getUrlDecoder();
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
            new BigInteger(1, url.decode(key.get("n").asString())),
            new BigInteger(1, url.decode(key.get("e").asString()))));
      }
    }
    throw new IllegalStateException("no HCLAkPub in the HCL report");
  }

  /**
   * go-tpm-tools attest.Attestation (protobuf): 1 ak_pub (TPMT_PUBLIC), 2 quotes {1 quote,
   * 2 raw_sig, 3 pcrs {1 hash, 2 map<uint32, bytes>}}, 6 ak_cert (DER). The Google
   * intermediate is appended to the AK chain, as go-tpm-tools' verifier is given it.
   */
  static TpmEvidence gce(String file) throws Exception {
    PublicKey ak = null;
    List<TpmQuote> quotes = new ArrayList<>();
    List<X509Certificate> certs = new ArrayList<>();
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    for (Protobuf.Field field : Protobuf.fields(Vectors.bytes(file))) {
      switch (field.number()) {
        case 1 -> ak = TpmtPublic.toPublicKey(field.bytes());
        case 2 -> {
          byte[] attest = null;
          byte[] signature = null;
          Map<Integer, byte[]> bank = new HashMap<>();
          for (Protobuf.Field q : Protobuf.fields(field.bytes())) {
            switch (q.number()) {
              case 1 -> attest = q.bytes();
              case 2 -> signature = q.bytes();
              case 3 -> {
                for (Protobuf.Field p : Protobuf.fields(q.bytes())) {
                  if (p.number() == 2) {
                    long key = 0;
                    byte[] value = new byte[0];
                    for (Protobuf.Field entry : Protobuf.fields(p.bytes())) {
                      if (entry.number() == 1) {
                        key = entry.varint();
                      } else if (entry.number() == 2) {
                        value = entry.bytes();
                      }
                    }
                    bank.put((int) key, value);
                  }
                }
              }
              default -> { }
            }
          }
          quotes.add(new TpmQuote(attest, signature, selected(attest, bank)));
        }
        case 6 -> certs.add((X509Certificate) factory.generateCertificate(
            new ByteArrayInputStream(field.bytes())));
        default -> { }
      }
    }
    certs.add((X509Certificate) factory.generateCertificate(
        new ByteArrayInputStream(Vectors.bytes(GCE_INTERMEDIATE))));
    return new TpmEvidence(quotes, Optional.ofNullable(ak), certs);
  }
}
