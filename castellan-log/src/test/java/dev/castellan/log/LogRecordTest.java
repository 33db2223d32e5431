package dev.castellan.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.testkit.OpenSsl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRecordTest {
  @TempDir Path dir;

  @Test
  void encode_fixedFields_isCanonicalDagCborAndCidIsDagCborSha256() throws Exception {
    LogRecord record = LogRecord.of(new byte[] {1, 2}, new byte[] {3}, new byte[] {4, 5});
    // {"data": h'0102', "pubkey": h'0405', "signature": h'03'}: keys length-first.
    assertThat(Hex.encode(record.encoded()))
        .isEqualTo("a3" + "6464617461" + "420102" + "667075626b6579" + "420405" + "697369676e6174757265" + "4103");
    assertThat(record.cid()).startsWith("bafyrei").hasSize(59);
    assertThat(Hex.encode(record.cidBytes())).startsWith("01711220");
    assertThat(LogRecord.decode(record.encoded())).isEqualTo(record);
  }

  @Test
  void decode_nonCanonicalOrForeignShapes_throw() throws Exception {
    byte[] good = LogRecord.of(new byte[] {1, 2}, new byte[] {3}, new byte[] {4, 5}).encoded();
    byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
    byte[] longForm = Hex.decode("a3" + "6464617461" + "58020102" + "667075626b6579" + "420405" + "697369676e6174757265" + "4103");
    byte[] wrongOrder = Hex.decode("a3" + "667075626b6579" + "420405" + "6464617461" + "420102" + "697369676e6174757265" + "4103");
    byte[] textValue = Hex.decode("a3" + "6464617461" + "620102" + "667075626b6579" + "420405" + "697369676e6174757265" + "4103");
    for (byte[] bad : new byte[][] {trailing, longForm, wrongOrder, textValue, new byte[0], Hex.decode("a0")}) {
      assertThatThrownBy(() -> LogRecord.decode(bad)).isInstanceOf(RecordException.class);
    }
  }

  @Test
  void verifySignature_bothAlgorithms_verifyAndTamperedDataFails() throws Exception {
    for (RecordSigner signer : new RecordSigner[] {TestKeys.ed25519(), TestKeys.ecdsaP256()}) {
      LogRecord record = signer.sign("evidence".getBytes(StandardCharsets.UTF_8));
      record.verifySignature();
      LogRecord forged = LogRecord.of("evidencE".getBytes(StandardCharsets.UTF_8), record.signature(), record.pubkey());
      assertThatThrownBy(forged::verifySignature).isInstanceOf(RecordException.class);
    }
  }

  @Test
  void openssl_ecdsaP256Record_verifiesWithSeed000Recipe() throws Exception {
    LogRecord record = TestKeys.ecdsaP256().sign(cborPayload());
    writeParts(LogRecord.decode(Files.readAllBytes(write(record))));
    var result = OpenSsl.run(dir, "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.bin", "payload.cbor");
    assertThat(result.output()).contains("Verified OK");
    assertThat(result.ok()).isTrue();
    tamperPayload();
    assertThat(OpenSsl.run(dir, "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.bin", "payload.cbor").ok()).isFalse();
  }

  @Test
  void openssl_ed25519Record_verifiesWithPkeyutlRawin() throws Exception {
    LogRecord record = TestKeys.ed25519().sign(cborPayload());
    writeParts(LogRecord.decode(Files.readAllBytes(write(record))));
    var result = OpenSsl.run(dir, "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "payload.cbor", "-sigfile", "sig.bin");
    assertThat(result.output()).contains("Signature Verified Successfully");
    assertThat(result.ok()).isTrue();
    tamperPayload();
    assertThat(OpenSsl.run(dir, "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "payload.cbor", "-sigfile", "sig.bin").ok()).isFalse();
  }

  private static byte[] cborPayload() {
    // {"ip": "10.0.0.x", "ts": 1700000000} as canonical CBOR: the kind of blob seed 000 signs.
    return Hex.decode("a26269706831302e302e302e786274731a6553f100");
  }

  private Path write(LogRecord record) throws Exception {
    return Files.write(dir.resolve("evidence.ipld.cbor"), record.encoded());
  }

  private void writeParts(LogRecord record) throws Exception {
    Files.write(dir.resolve("payload.cbor"), record.data());
    Files.write(dir.resolve("sig.bin"), record.signature());
    String pem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(record.pubkey())
        + "\n-----END PUBLIC KEY-----\n";
    Files.writeString(dir.resolve("pub.pem"), pem);
  }

  private void tamperPayload() throws Exception {
    byte[] payload = Files.readAllBytes(dir.resolve("payload.cbor"));
    payload[payload.length - 1] ^= 1;
    Files.write(dir.resolve("payload.cbor"), payload);
  }
}
