package dev.castellan.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.testkit.Vectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import dev.castellan.testkit.Failures;
import tools.jackson.databind.JsonNode;
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

  /** Every case of vectors/attestation/extra/INDEX.json is recognised as its platform. */
  @Test
  void detect_everyExtraCase_recognisesItsIndexPlatform() {
    Map<String, Platform> platforms = Map.of("sgx", Platform.SGX, "tdx", Platform.TDX,
        "nitro", Platform.NITRO, "sev-snp", Platform.SEV_SNP);
    Failures failures = new Failures();
    for (JsonNode c : Vectors.json("attestation/extra/INDEX.json").get("cases")) {
      String id = c.get("id").stringValue();
      failures.check(id, () -> {
        byte[] bytes = decode(Vectors.bytes("attestation/extra/" + c.get("evidence").stringValue()));
        JsonNode rejection = c.get("expect").get("rejection");
        if (rejection != null && rejection.stringValue().equals("format")) {
          // Malformed on purpose (a truncated or padded report): never taken for a quote.
          try {
            assertThat(EvidenceFormat.detect(bytes)).isNotIn(Platform.SGX, Platform.TDX);
          } catch (MalformedEvidenceException expected) {
            return;
          }
          return;
        }
        assertThat(EvidenceFormat.detect(bytes))
            .isEqualTo(platforms.get(c.get("platform").stringValue()));
      });
    }
    failures.assertNone(13);
  }

  /** Across every file of vectors/attestation, only the one SGX v3 quote is detected as SGX. */
  @Test
  void detect_everyVectorFile_onlyTheSgxQuoteIsSgxAndEveryTdxQuoteIsTdx() throws Exception {
    Path root = Vectors.path("attestation");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    Failures failures = new Failures();
    int sgx = 0;
    for (Path file : files) {
      String name = root.relativize(file).toString().replace('\\', '/');
      Platform detected;
      try {
        detected = EvidenceFormat.detect(decode(Files.readAllBytes(file)));
      } catch (MalformedEvidenceException e) {
        continue;
      }
      boolean tdxQuote = name.startsWith("tdx/") && (name.endsWith(".dat") || name.endsWith("td-quote.bin"))
          || name.startsWith("extra/dcap-qvl/") && name.contains("tdx") && !name.endsWith(".json")
          || name.endsWith("quote-from-tappd.hex");
      if (detected == Platform.SGX) {
        sgx++;
        if (!name.equals("extra/dcap-qvl/sample/sgx_quote")) {
          failures.fail(name, "detected as SGX");
        }
      } else if (tdxQuote != (detected == Platform.TDX)) {
        failures.fail(name, "detected as " + detected);
      }
      failures.check(name, () -> { });
    }
    assertThat(sgx).isEqualTo(1);
    failures.assertNone(20);
  }

  /**
   * {@link EvidenceFormat#decodeText} after dropping a leading {@code 0x} (dcap-qvl's
   * tdx-quote.hex has one; reading it is the TDX part of issue 9, tested there).
   */
  private static byte[] decode(byte[] input) throws MalformedEvidenceException {
    boolean prefixed = input.length > 2 && input[0] == '0' && (input[1] == 'x' || input[1] == 'X');
    return EvidenceFormat.decodeText(prefixed ? java.util.Arrays.copyOfRange(input, 2, input.length) : input);
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
