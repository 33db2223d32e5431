package dev.castellan.attestation.sgx;

import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.SgxClaims;
import dev.castellan.attestation.TdxClaims.TcbStatus;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.tdx.TdxCollateral;
import dev.castellan.testkit.Vectors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** The SGX case of vectors/attestation/extra/INDEX.json, read from the index itself. */
final class SgxVectors {
  static final String EXTRA = "attestation/extra/";
  static final String CASE_ID = "sgx_quote";

  private SgxVectors() {}

  /** The INDEX.json entry of the SGX case. */
  static JsonNode sgxCase() {
    for (JsonNode c : Vectors.json(EXTRA + "INDEX.json").get("cases")) {
      if (CASE_ID.equals(c.get("id").stringValue())) {
        return c;
      }
    }
    throw new AssertionError("INDEX.json has no " + CASE_ID + " case");
  }

  static byte[] quote() {
    return Vectors.bytes(EXTRA + sgxCase().get("evidence").stringValue());
  }

  static TdxCollateral collateral() throws Exception {
    return DcapQvlCollateral.load(EXTRA + sgxCase().get("collateral").get("file").stringValue());
  }

  static Instant time() {
    return Instant.parse(sgxCase().get("verification_time").stringValue());
  }

  static SgxVerifier verifier() {
    return SgxVerifier.create(TrustAnchors.bundled());
  }

  static VerificationRequest request(TdxCollateral collateral) {
    VerificationRequest request = VerificationRequest.at(time(), Freshness.none());
    return collateral == null ? request : request.withCollateral(collateral.toSource(Platform.SGX));
  }

  static AttestationResult verify(byte[] quote, TdxCollateral collateral) throws Exception {
    return verifier().verify(Evidence.of(Platform.SGX, quote), request(collateral));
  }

  static SgxClaims claims(AttestationResult result) {
    return (SgxClaims) result.claims();
  }

  /** A PCS status name ({@code ConfigurationAndSWHardeningNeeded}) as the claims' enum. */
  static TcbStatus status(String pcsName) {
    String upper = pcsName.replace("SW", "Sw").replaceAll("([a-z])([A-Z])", "$1_$2");
    return TcbStatus.valueOf(upper.toUpperCase(Locale.ROOT));
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.stringValue()));
    return out;
  }
}
