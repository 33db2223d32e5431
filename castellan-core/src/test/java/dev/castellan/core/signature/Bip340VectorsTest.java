package dev.castellan.core.signature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every row of the official BIP-340 test vectors (bip340/test-vectors.csv, CRLF lines). */
class Bip340VectorsTest {
  /** One CSV row; absent fields are null. */
  record Row(
      String index, byte[] secretKey, byte[] publicKey, byte[] auxRand, byte[] message,
      byte[] signature, boolean valid, String comment) {
    String name() {
      return "row " + index + (comment.isEmpty() ? "" : " (" + comment + ")");
    }
  }

  static List<Row> rows() {
    String text = Vectors.text("bip340/test-vectors.csv");
    String[] lines = text.split("\r\n", -1);
    assertThat(lines[0]).startsWith("index,secret key,public key,aux_rand,message,signature");
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      String[] f = lines[i].split(",", -1);
      assertThat(f).as("line %d", i).hasSize(8);
      rows.add(new Row(f[0], hexOrNull(f[1]), Hex.decode(f[2]), hexOrNull(f[3]), Hex.decode(f[4]),
          Hex.decode(f[5]), f[6].equals("TRUE"), f[7]));
    }
    return rows;
  }

  private static byte[] hexOrNull(String field) {
    return field.isEmpty() ? null : Hex.decode(field);
  }

  /** Runs every row through the default verifier (libsecp256k1 where it loads) and pure Java. */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void verify_everyRow_matchesExpectedResult(boolean pureJava) {
    Failures failures = new Failures();
    for (Row row : rows()) {
      failures.check(row.name(), () -> {
        boolean accepted;
        try {
          Bip340PublicKey publicKey = Bip340PublicKey.fromBytes(row.publicKey());
          (pureJava ? Bip340Verifier.createPureJava(publicKey) : Bip340Verifier.create(publicKey))
              .verify(row.signature(), row.message());
          accepted = true;
        } catch (GeneralSecurityException e) {
          accepted = false;
        }
        assertThat(accepted).as("accepted").isEqualTo(row.valid());
      });
    }
    failures.assertNone(19);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void sign_everySigningRow_reproducesSignatureAndPublicKey(boolean pureJava) {
    Failures failures = new Failures();
    for (Row row : rows()) {
      if (row.secretKey() == null) {
        continue;
      }
      failures.check(row.name(), () -> {
        Secp256k1PrivateKey key = Secp256k1PrivateKey.fromScalar(SecretBytes.copyOf(row.secretKey()));
        assertThat(key.bip340PublicKey().toBytes()).as("public key").isEqualTo(row.publicKey());
        Bip340Signer signer = pureJava
            ? Bip340Signer.createPureJava(key, new SecureRandom()) : Bip340Signer.create(key);
        assertThat(signer.publicKey()).isEqualTo(key.bip340PublicKey());
        assertThat(Hex.encode(signer.sign(row.message(), row.auxRand())))
            .as("signature").isEqualTo(Hex.encode(row.signature()));
      });
    }
    failures.assertNone(8);
  }
}
