package dev.castellan.keys.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.keys.UnsealException;
import dev.castellan.testkit.Failures;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The blob format of docs/tpm-sealing.md, and one refusal per way a blob can be malformed. */
class TpmSealedBlobTest {
  /** The TPM2B_PUBLIC tpm2_create wrote for a secret sealed to PCRs 16 and 23 at zero (swtpm). */
  static final byte[] PUBLIC = Hex.decode("004e0008000b000004920020"
      + "599a9cca81c171e404e4afc462e7415ee799c498b00ff6edb68d07de1dc47a20" + "00100020"
      + "4d28c6cf282140ddb726a5e490155bddf919cbc6564e4cc04c7e81e459103458");
  static final byte[] PRIVATE = tpm2b(158);

  private static byte[] tpm2b(int size) {
    byte[] bytes = new byte[2 + size];
    bytes[0] = (byte) (size >> 8);
    bytes[1] = (byte) size;
    Arrays.fill(bytes, 2, bytes.length, (byte) 0x5a);
    return bytes;
  }

  static TpmSealedBlob blob() {
    return new TpmSealedBlob(PcrSelection.of(16, 23), new byte[64], PUBLIC, PRIVATE);
  }

  @Test
  void encode_layoutAsDocumented_andParsesBack() throws Exception {
    byte[] encoded = blob().encode();
    assertThat(Hex.encode(Arrays.copyOf(encoded, 11))).isEqualTo("4354504d" + "01" + "01" + "000b" + "000081");
    assertThat(encoded).hasSize(11 + 64 + PUBLIC.length + PRIVATE.length);
    TpmSealedBlob parsed = TpmSealedBlob.parse(encoded);
    assertThat(parsed.pcrs()).isEqualTo(PcrSelection.of(16, 23));
    assertThat(parsed.publicArea()).isEqualTo(PUBLIC);
    assertThat(parsed.privateArea()).isEqualTo(PRIVATE);
    assertThat(parsed.encode()).isEqualTo(encoded);
    assertThat(SealedDataObject.parse(parsed.publicArea()).authPolicy())
        .isEqualTo(PcrPolicy.digest(parsed.pcrs(), parsed.pcrValues()));
  }

  @Test
  void parse_malformed_eachRefusedWithUnsealException() {
    byte[] good = blob().encode();
    Map<String, UnaryOperator<byte[]>> cases = new LinkedHashMap<>();
    cases.put("empty", b -> new byte[0]);
    cases.put("magic", b -> set(b, 0, 'X'));
    cases.put("version 2", b -> set(b, 4, 2));
    cases.put("primary template 2", b -> set(b, 5, 2));
    cases.put("SHA-1 bank", b -> set(b, 7, 0x04));
    cases.put("no PCR selected", b -> set(set(b, 8, 0), 10, 0));
    cases.put("one PCR more than values", b -> set(b, 9, 1));
    cases.put("truncated in the PCR values", b -> Arrays.copyOf(b, 40));
    cases.put("truncated in the private part", b -> Arrays.copyOf(b, b.length - 1));
    cases.put("trailing byte", b -> Arrays.copyOf(b, b.length + 1));
    cases.put("public size 0", b -> set(set(b, 75, 0), 76, 0));
    cases.put("public size over 1 KiB", b -> set(b, 75, 0x04));
    cases.put("over the maximum size", b -> new byte[TpmSealedBlob.MAX_SIZE + 1]);
    Failures failures = new Failures();
    cases.forEach((name, mutation) -> failures.check(name, () -> assertThatThrownBy(
            () -> TpmSealedBlob.parse(mutation.apply(good.clone())))
        .isInstanceOf(UnsealException.class)
        .hasMessageStartingWith("the TPM-sealed key is malformed: ")));
    failures.assertNone(cases.size());
  }

  @Test
  void sealedDataObject_userWithAuth_refusedAsNotBoundToItsPolicy() {
    byte[] withUserAuth = set(PUBLIC.clone(), 9, 0x92 | 0x40);
    assertThatThrownBy(() -> SealedDataObject.parse(withUserAuth))
        .isInstanceOf(UnsealException.class).hasMessageContaining("not bound to its PCR policy");
    byte[] signingKey = set(PUBLIC.clone(), 3, 0x23);
    assertThatThrownBy(() -> SealedDataObject.parse(signingKey))
        .isInstanceOf(UnsealException.class).hasMessageContaining("keyed-hash object");
  }

  private static byte[] set(byte[] bytes, int index, int value) {
    bytes[index] = (byte) value;
    return bytes;
  }
}
