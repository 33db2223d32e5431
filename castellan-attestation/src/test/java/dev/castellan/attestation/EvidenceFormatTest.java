package dev.castellan.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.testkit.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EvidenceFormatTest {
  @Test
  void detect_realVectors_recogniseTheirPlatform() throws Exception {
    assertThat(Evidence.detect(Vectors.bytes("attestation/nitro/veracruz_aws_nitro_document.cbor")).platform())
        .isEqualTo(Platform.NITRO);
    assertThat(Evidence.detect(Vectors.bytes("attestation/sev-snp/go-sev-guest_attestation.bin")).platform())
        .isEqualTo(Platform.SEV_SNP);
    assertThat(Evidence.detect(Vectors.bytes("attestation/tdx/trustee_tdx_quote_5.dat")).platform())
        .isEqualTo(Platform.TDX);
    assertThat(Evidence.detect(Vectors.bytes("attestation/tdx/go-tdx-guest_tdx_prod_quote_SPR_E4.dat")).platform())
        .isEqualTo(Platform.TDX);
  }

  @Test
  void detect_hexAndBase64Text_decodeFirst() throws Exception {
    byte[] hexText = Vectors.bytes("attestation/sev-snp/virtee-sev_report_milan.hex");
    assertThat(EvidenceFormat.detect(EvidenceFormat.decodeText(hexText))).isEqualTo(Platform.SEV_SNP);
    byte[] b64 = Vectors.bytes("attestation/nitro/evervault_valid-attestation-doc-base64");
    assertThat(EvidenceFormat.detect(EvidenceFormat.decodeText(b64))).isEqualTo(Platform.NITRO);
  }

  @Test
  void decodeText_tdxQuoteAsHex_withOrWithout0xPrefix_isTheQuote() throws Exception {
    byte[] quote = Vectors.bytes("attestation/tdx/trustee_tdx_quote_4.dat");
    String hex = Hex.encode(quote);
    for (String text : new String[] {hex, "0x" + hex, "0X" + hex + "\n", " 0x" + hex.toUpperCase(java.util.Locale.ROOT)}) {
      byte[] decoded = EvidenceFormat.decodeText(text.getBytes(StandardCharsets.US_ASCII));
      assertThat(decoded).as(text.substring(0, 8)).isEqualTo(quote);
      assertThat(EvidenceFormat.detect(decoded)).isEqualTo(Platform.TDX);
    }
  }

  @Test
  void decodeText_binary_isReturnedUnchanged() throws Exception {
    byte[] bin = Vectors.bytes("attestation/sev-snp/go-sev-guest_attestation.bin");
    assertThat(EvidenceFormat.decodeText(bin)).isEqualTo(bin);
    assertThat(EvidenceFormat.decodeText("00ff\n".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(Hex.decode("00ff"));
    assertThat(EvidenceFormat.decodeText(Base64.getUrlEncoder().withoutPadding().encode(new byte[] {-1, -2, -3, -4})))
        .isEqualTo(new byte[] {-1, -2, -3, -4});
  }

  @Test
  void detect_garbage_throwsMalformed() {
    assertThatThrownBy(() -> Evidence.detect(new byte[] {1, 2, 3}))
        .isInstanceOf(MalformedEvidenceException.class)
        .hasMessageContaining("evidence.format");
    assertThatThrownBy(() -> Evidence.of(Platform.TPM, new byte[0]))
        .isInstanceOf(MalformedEvidenceException.class);
  }
}
