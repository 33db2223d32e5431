package dev.castellan.attestation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.PolicyException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TPM section of the policy JSON. */
class TpmReferenceTest {
  private static TpmReference parse(String tpm) throws PolicyException {
    return AppraisalPolicy.fromJson(("{\"tpm\": " + tpm + "}").getBytes(StandardCharsets.UTF_8)).tpm();
  }

  @Test
  void fromJson_everyBank_isRead() throws Exception {
    TpmReference r = parse("""
        {"pcrs": {"sha1": {"0": ["%s"]}, "sha256": {"7": ["%s"]}, "sha384": {"23": ["%s"]}, "sha512": {"1": ["%s"]}},
         "requireAkCertificate": true}""".formatted("aa".repeat(20), "bb".repeat(32), "cc".repeat(48), "dd".repeat(64)));
    assertThat(r.pcrs().keySet()).containsExactly("sha1", "sha256", "sha384", "sha512");
    assertThat(r.pcrs().get("sha384").get(23).getFirst().length()).isEqualTo(48);
    assertThat(r.sha256Pcrs()).containsOnlyKeys(7);
    assertThat(r.requireAkCertificate()).isTrue();
  }

  @Test
  void fromJson_oldSha256Spelling_isThePcrsSha256Bank() throws Exception {
    String pcr = "bb".repeat(32);
    TpmReference old = parse("{\"sha256Pcrs\": {\"7\": [\"" + pcr + "\"]}}");
    assertThat(old).isEqualTo(parse("{\"pcrs\": {\"sha256\": {\"7\": [\"" + pcr + "\"]}}}"));
    assertThat(old).isEqualTo(TpmReference.any().withPcr("sha256", 7, List.of(ByteString.fromHex(pcr))));
    assertThatThrownBy(() -> parse("{\"sha256Pcrs\": {\"7\": [\"" + pcr + "\"]}, \"pcrs\": {\"sha256\": {}}}"))
        .isInstanceOf(PolicyException.class).hasMessageContaining("both");
  }

  @Test
  void fromJson_badBankIndexOrLength_throws() {
    assertThatThrownBy(() -> parse("{\"pcrs\": {\"sm3\": {}}}")).isInstanceOf(PolicyException.class)
        .hasMessageContaining("unknown member");
    assertThatThrownBy(() -> parse("{\"pcrs\": {\"sha1\": {\"24\": []}}}")).isInstanceOf(PolicyException.class);
    assertThatThrownBy(() -> parse("{\"pcrs\": {\"sha1\": {\"0\": [\"" + "aa".repeat(32) + "\"]}}}"))
        .isInstanceOf(PolicyException.class).hasMessageContaining("wrong length");
    assertThatThrownBy(() -> parse("{\"pcrs\": {\"sha384\": {\"0\": [\"" + "aa".repeat(32) + "\"]}}}"))
        .isInstanceOf(PolicyException.class).hasMessageContaining("wrong length");
    assertThatThrownBy(() -> parse("{\"pcrs\": []}")).isInstanceOf(PolicyException.class);
  }

  @Test
  void withPcr_validatesBankIndexAndLength() {
    assertThatThrownBy(() -> TpmReference.any().withPcr("md5", 0, List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TpmReference.any().withPcr("sha1", 24, List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TpmReference.any().withPcr("sha1", 0, List.of(ByteString.of(new byte[32]))))
        .isInstanceOf(IllegalArgumentException.class);
    TpmReference r = TpmReference.any().withPcr("sha1", 0, List.of(ByteString.of(new byte[20])))
        .withPcr("sha1", 1, List.of(ByteString.of(new byte[20])));
    assertThat(r.pcrs().get("sha1")).containsOnlyKeys(0, 1);
  }
}
