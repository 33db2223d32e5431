package dev.castellan.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.attestation.snp.SnpVerifier;
import dev.castellan.testkit.Vectors;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Results render as JSON with Jackson's defaults, for tools: byte strings as hex. */
class JsonRenderingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void snpResult_rendersClaimsAndChecks() throws Exception {
    byte[] report = Vectors.bytes("attestation/sev-snp/go-sev-guest_attestation.bin");
    AttestationResult result = SnpVerifier.create().verify(Evidence.of(Platform.SEV_SNP, report),
        VerificationRequest.at(Instant.parse("2022-09-24T01:00:00Z"), Freshness.none())
            .withCollateral(CollateralSource.of(Platform.SEV_SNP, "vcek", Vectors.bytes("attestation/sev-snp/go-sev-guest_vcek.testcer"))));
    JsonNode json = JSON.readTree(JSON.writeValueAsString(result));
    assertThat(json.get("claims").get("debug").booleanValue()).isTrue();
    assertThat(json.get("claims").get("simulated").booleanValue()).isFalse();
    assertThat(json.get("claims").get("platform").stringValue()).isEqualTo("SEV_SNP");
    JsonNode verdict = JSON.readTree(JSON.writeValueAsString(
        dev.castellan.attestation.policy.Appraisal.appraise(dev.castellan.attestation.policy.AppraisalPolicy.defaults(), result)));
    assertThat(verdict.get("accepted").booleanValue()).isFalse();
    assertThat(verdict.get("checks").size()).isGreaterThan(result.checks().size());
    assertThat(json.get("claims").get("measurement").stringValue()).startsWith("b07af962");
    assertThat(json.get("checks").get(0).get("name").stringValue()).isEqualTo("snp.format");
  }

  @Test
  void nitroResult_rendersPcrsAsHex() throws Exception {
    AttestationResult result = NitroVerifier.create().verify(
        Evidence.of(Platform.NITRO, Vectors.bytes("attestation/nitro/veracruz_aws_nitro_document.cbor")),
        VerificationRequest.at(Instant.ofEpochMilli(1668034320696L).plusSeconds(30), Freshness.none()));
    JsonNode json = JSON.readTree(JSON.writeValueAsString(result));
    assertThat(json.get("claims").get("nonce").stringValue()).startsWith("c678c861");
    assertThat(json.get("claims").get("pcrs").get("0").stringValue()).startsWith("22f9e1c9");
  }
}
