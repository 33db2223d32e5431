package dev.castellan.keys.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.testkit.OpenSsl;
import dev.castellan.testkit.SoftHsm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys that another tool made, as seed 000 makes them ({@code pkcs11-tool --keypairgen
 * --key-type EC:prime256v1 --usage-sign}), sign here, and openssl verifies the result.
 */
class Pkcs11InteropTest {
  private static final byte[] PAYLOAD = "payload.cbor bytes".getBytes(StandardCharsets.UTF_8);
  @TempDir Path dir;

  private void keypairgen(SoftHsm.Token token, String keyType, String label, String id) throws Exception {
    SoftHsm.run(List.of("pkcs11-tool", "--module", SoftHsm.MODULE.toString(), "--token-label", token.label(),
        "--login", "--pin", token.pin(), "--keypairgen", "--key-type", keyType, "--label", label, "--id", id, "--usage-sign"));
  }

  @Test
  void seed000Recipe_p256KeyFromPkcs11Tool_signsForOpenSslDgst() throws Exception {
    SoftHsm.Token token = SoftHsm.createToken("seed000", dir);
    keypairgen(token, "EC:prime256v1", "ato-p256", "01");
    try (Pkcs11Signer signer = Pkcs11Signer.open(Pkcs11Uri.parse(token.uri("object=ato-p256")))) {
      assertThat(signer.keyType()).isEqualTo(Pkcs11KeyType.P256);
      assertThat(signer.uri().id()).hasValueSatisfying(id -> assertThat(id).containsExactly(1));
      Files.write(dir.resolve("sig.bin"), signer.sign(PAYLOAD));
      Files.writeString(dir.resolve("hsm_pubkey.pem"), signer.publicKeyPem());
    }
    Files.write(dir.resolve("payload.cbor"), PAYLOAD);
    assertThat(OpenSsl.run(dir, "dgst", "-sha256", "-verify", "hsm_pubkey.pem", "-signature", "sig.bin", "payload.cbor").output())
        .contains("Verified OK");
  }

  @Test
  void ed25519KeyFromPkcs11Tool_withPrintableStringParams_signsForPkeyutl() throws Exception {
    SoftHsm.Token token = SoftHsm.createToken("tooled", dir);
    keypairgen(token, "EC:edwards25519", "ato-ed25519", "02");
    try (Pkcs11Signer signer = Pkcs11Signer.open(Pkcs11Uri.parse(token.uri("id=%02")))) {
      assertThat(signer.keyType()).isEqualTo(Pkcs11KeyType.ED25519);
      Files.write(dir.resolve("sig.bin"), signer.sign(PAYLOAD));
      Files.writeString(dir.resolve("pub.pem"), signer.publicKeyPem());
    }
    Files.write(dir.resolve("payload.cbor"), PAYLOAD);
    assertThat(OpenSsl.run(dir, "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "payload.cbor",
        "-sigfile", "sig.bin").output()).contains("Signature Verified Successfully");
  }
}
