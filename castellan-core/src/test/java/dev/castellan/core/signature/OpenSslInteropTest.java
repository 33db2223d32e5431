package dev.castellan.core.signature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.testkit.OpenSsl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** openssl as an independent implementation: it verifies our signatures, and we verify its. */
class OpenSslInteropTest {
  private static final byte[] MESSAGE =
      "a signed record, verified by openssl".getBytes(StandardCharsets.UTF_8);
  private final SecureRandom random = new SecureRandom();

  @TempDir Path dir;

  @Test
  void ed25519_oursVerifiedByOpenSsl() throws Exception {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(random);
    Files.writeString(dir.resolve("pub.pem"), key.publicKey().toPem());
    Files.write(dir.resolve("msg.bin"), MESSAGE);
    Files.write(dir.resolve("sig.bin"), Ed25519Signer.create(key).sign(MESSAGE));
    assertOk(OpenSsl.run(dir, "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
        "-in", "msg.bin", "-sigfile", "sig.bin"));
    // And a wrong signature is refused by openssl too (the check can fail).
    Files.write(dir.resolve("sig.bin"), Ed25519Signer.create(key).sign(new byte[1]));
    assertThat(OpenSsl.run(dir, "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
        "-in", "msg.bin", "-sigfile", "sig.bin").ok()).isFalse();
  }

  @Test
  void ed25519_openSslSignatureVerifiedByOurs() throws Exception {
    Files.write(dir.resolve("msg.bin"), MESSAGE);
    assertOk(OpenSsl.run(dir, "genpkey", "-algorithm", "ed25519", "-out", "priv.pem"));
    assertOk(OpenSsl.run(dir, "pkey", "-in", "priv.pem", "-pubout", "-outform", "DER", "-out", "pub.der"));
    assertOk(OpenSsl.run(dir, "pkeyutl", "-sign", "-inkey", "priv.pem", "-rawin",
        "-in", "msg.bin", "-out", "sig.bin"));
    Ed25519PublicKey publicKey = Ed25519PublicKey.fromSpkiDer(Files.readAllBytes(dir.resolve("pub.der")));
    Ed25519Verifier.create(publicKey).verify(Files.readAllBytes(dir.resolve("sig.bin")), MESSAGE);
  }

  @ParameterizedTest
  @EnumSource(EcdsaCurve.class)
  void ecdsa_oursVerifiedByOpenSsl(EcdsaCurve curve) throws Exception {
    EcdsaPrivateKey key = EcdsaPrivateKey.generate(curve, random);
    Files.writeString(dir.resolve("pub.pem"), key.publicKey().toPem());
    Files.write(dir.resolve("msg.bin"), MESSAGE);
    Files.write(dir.resolve("sig.der"),
        EcdsaSigner.create(key, EcdsaSignatureEncoding.DER).sign(MESSAGE));
    OpenSsl.Result result = OpenSsl.run(dir, "dgst", digestFlag(curve), "-verify", "pub.pem",
        "-signature", "sig.der", "msg.bin");
    assertOk(result);
    assertThat(result.output()).contains("Verified OK");
    Files.write(dir.resolve("sig.der"),
        EcdsaSigner.create(key, EcdsaSignatureEncoding.DER).sign(new byte[1]));
    assertThat(OpenSsl.run(dir, "dgst", digestFlag(curve), "-verify", "pub.pem",
        "-signature", "sig.der", "msg.bin").ok()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(EcdsaCurve.class)
  void ecdsa_openSslSignatureVerifiedByOurs(EcdsaCurve curve) throws Exception {
    Files.write(dir.resolve("msg.bin"), MESSAGE);
    assertOk(OpenSsl.run(dir, "genpkey", "-algorithm", "EC", "-pkeyopt",
        "ec_paramgen_curve:" + curve.nistName(), "-pkeyopt", "ec_param_enc:named_curve",
        "-out", "priv.pem"));
    assertOk(OpenSsl.run(dir, "pkey", "-in", "priv.pem", "-pubout", "-outform", "DER", "-out", "pub.der"));
    assertOk(OpenSsl.run(dir, "dgst", digestFlag(curve), "-sign", "priv.pem", "-out", "sig.der", "msg.bin"));
    EcdsaPublicKey publicKey = EcdsaPublicKey.fromSpkiDer(Files.readAllBytes(dir.resolve("pub.der")));
    assertThat(publicKey.curve()).isEqualTo(curve);
    EcdsaVerifier.create(publicKey, EcdsaSignatureEncoding.DER)
        .verify(Files.readAllBytes(dir.resolve("sig.der")), MESSAGE);
  }

  private static String digestFlag(EcdsaCurve curve) {
    return curve == EcdsaCurve.P_256 ? "-sha256" : "-sha384";
  }

  private static void assertOk(OpenSsl.Result result) {
    assertThat(result.ok()).as(result.output()).isTrue();
  }
}
