package dev.castellan.attestation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.SnpClaims.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AppraisalPolicyTest {
  private static AppraisalPolicy parse(String json) throws PolicyException {
    return AppraisalPolicy.fromJson(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void fromJson_empty_givesStrictDefaults() throws Exception {
    AppraisalPolicy p = parse("{}");
    assertThat(p).isEqualTo(AppraisalPolicy.defaults());
    assertThat(p.acceptSimulated()).isFalse();
    assertThat(p.allowDebug()).isFalse();
    assertThat(p.snp().allowedVmpls()).containsExactly(0);
  }

  @Test
  void fromJson_fullPolicy_readsEveryPlatform() throws Exception {
    String pcr = "ab".repeat(48);
    AppraisalPolicy p =
        parse(
            """
            {"acceptSimulated": true, "allowDebug": true,
             "nitro": {"pcrs": {"0": ["%s"]}},
             "snp": {"measurements": ["%s"], "allowedVmpls": [0, 1], "allowedSigningKeys": ["vlek"],
                     "minimumTcb": {"bootloader": 3, "tee": 0, "snp": 24, "microcode": 115}},
             "tdx": {"mrTd": ["%s"], "allowedTcbStatuses": ["UP_TO_DATE", "SW_HARDENING_NEEDED"]},
             "tpm": {"sha256Pcrs": {"7": ["%s"]}, "requireAkCertificate": true}}
            """
                .formatted(pcr, pcr, pcr, "cd".repeat(32)));
    assertThat(p.nitro().pcrs().get(0).getFirst().hex()).isEqualTo(pcr);
    assertThat(p.snp().allowedVmpls()).isEqualTo(Set.of(0, 1));
    assertThat(p.snp().allowedSigningKeys()).containsExactly(SigningKey.VLEK);
    assertThat(p.snp().minimumTcb().orElseThrow().snp()).isEqualTo(24);
    assertThat(p.tdx().allowedTcbStatuses()).hasSize(2);
    assertThat(p.tpm().requireAkCertificate()).isTrue();
  }

  @Test
  void fromJson_unknownMemberOrWrongLength_throws() {
    assertThatThrownBy(() -> parse("{\"allowDebugg\": true}")).isInstanceOf(PolicyException.class);
    assertThatThrownBy(() -> parse("{\"snp\": {\"measurements\": [\"abcd\"]}}"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("wrong length");
    assertThatThrownBy(() -> parse("{\"nitro\": {\"pcrs\": {\"32\": []}}}")).isInstanceOf(PolicyException.class);
    assertThatThrownBy(() -> parse("not json")).isInstanceOf(PolicyException.class);
  }
}
