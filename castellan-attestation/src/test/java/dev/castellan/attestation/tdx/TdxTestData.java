package dev.castellan.attestation.tdx;

import dev.castellan.testkit.Vectors;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** Loads the shared TDX vectors (vectors/attestation/tdx) for the tests. */
final class TdxTestData {
  static final String DIR = "attestation/tdx/";
  static final Instant AT_2023 = Instant.parse("2023-07-01T00:00:00Z");
  static final Instant AT_2025 = Instant.parse("2025-11-01T00:00:00Z");
  static final Instant AT_2026 = Instant.parse("2026-02-03T00:00:00Z");

  static final String SPR_E4 = "go-tdx-guest_tdx_prod_quote_SPR_E4.dat";
  static final String V5_SAMPLE = "go-tdx-guest_quote_v5_sample.dat";
  static final String COS_113 = "go-tdx-guest_cos-113-tdx-quote.dat";
  static final String QUOTE_4 = "trustee_tdx_quote_4.dat";
  static final String QUOTE_5 = "trustee_tdx_quote_5.dat";
  static final String QUOTE_6 = "trustee_tdx_quote_6.dat";
  static final String AZURE = "azure-vtpm/trustee_az-tdx-vtpm_td-quote.bin";
  static final List<String> ALL_QUOTES =
      List.of(SPR_E4, V5_SAMPLE, COS_113, QUOTE_4, QUOTE_5, QUOTE_6, AZURE);

  private TdxTestData() {}

  static TdxVerifier verifier() {
    return TdxVerifier.create(dev.castellan.attestation.TrustAnchors.bundled());
  }

  /** Accepts the expired 2018-2025 TCB signing certificate for the 2025/2026 collateral. */
  static TdxVerifier lenientSigner() {
    return TdxVerifier.create(dev.castellan.attestation.TrustAnchors.bundled(),
        new TdxVerifier.Options(true));
  }

  static dev.castellan.attestation.AttestationResult verify(TdxVerifier verifier, String name,
      Instant at, TdxCollateral collateral) throws Exception {
    var request = dev.castellan.attestation.VerificationRequest.at(
        at, dev.castellan.attestation.Freshness.none());
    if (collateral != null) {
      request = request.withCollateral(collateral.toSource());
    }
    return verifier.verify(dev.castellan.attestation.Evidence.of(
        dev.castellan.attestation.Platform.TDX, quote(name)), request);
  }

  static dev.castellan.attestation.TdxClaims claims(
      dev.castellan.attestation.AttestationResult result) {
    return (dev.castellan.attestation.TdxClaims) result.claims();
  }

  static byte[] quote(String name) {
    return Vectors.bytes(DIR + name);
  }

  static X509Certificate root() throws Exception {
    return certs(Vectors.bytes(DIR + "intel-sgx-root-ca.pem")).getFirst();
  }

  static List<X509Certificate> tcbSigningChain() throws Exception {
    return certs(Vectors.bytes(DIR + "collateral/derived/go-tdx-guest_tcb-signing-issuer-chain.pem"));
  }

  @SuppressWarnings("unchecked")
  static List<X509Certificate> certs(byte[] pem) throws Exception {
    return (List<X509Certificate>) (List<?>) List.copyOf(CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem)));
  }

  static X509CRL crl(String name) throws Exception {
    return (X509CRL) CertificateFactory.getInstance("X.509")
        .generateCRL(new ByteArrayInputStream(Vectors.bytes(DIR + "collateral/" + name)));
  }

  /** go-tdx-guest 2023 collateral: tcbInfo FMSPC 50806f000000 and the TD_QE identity. */
  static TdxCollateral collateral2023() throws Exception {
    return TdxCollateral.of(
        Vectors.bytes(DIR + "collateral/go-tdx-guest_sample_tcbInfo_response"),
        Vectors.bytes(DIR + "collateral/go-tdx-guest_sample_qeIdentity_response"),
        tcbSigningChain());
  }

  /** go-tdx-guest 2026 v5 tcbInfo (FMSPC 90c06f000000) with the 2023 QE identity. */
  static TdxCollateral collateral2026() throws Exception {
    return TdxCollateral.of(
        Vectors.bytes(DIR + "collateral/go-tdx-guest_sample_tcbinfo_response_v5"),
        Vectors.bytes(DIR + "collateral/go-tdx-guest_sample_qeIdentity_response"),
        tcbSigningChain());
  }

  /** trustee 2025 collateral (FMSPC 00A06D080000). */
  static TdxCollateral collateral2025() throws Exception {
    return TdxCollateral.of(
        Vectors.bytes(DIR + "collateral/trustee_tcbInfo.json"),
        Vectors.bytes(DIR + "collateral/trustee_enclaveIdentity.json"),
        tcbSigningChain());
  }
}
