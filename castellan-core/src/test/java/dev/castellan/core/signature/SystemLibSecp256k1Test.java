package dev.castellan.core.signature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.internal.signature.SystemLibSecp256k1;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The FFM path to the system libsecp256k1 signs exactly as BIP-340 and our Java code do. */
class SystemLibSecp256k1Test {
  private static final SecureRandom RANDOM = new SecureRandom();

  @BeforeAll
  static void requireLibrary() {
    boolean installed = Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libsecp256k1.so.1"))
        || Files.exists(Path.of("/usr/lib/libsecp256k1.so.1"));
    Assumptions.assumeTrue(installed, "libsecp256k1 is not installed (apt-get install libsecp256k1-1); CI installs it");
    assertThat(SystemLibSecp256k1.instance()).as("the installed libsecp256k1 must load through FFM").isPresent();
  }

  @Test
  void create_prefersTheSystemLibrary() {
    Bip340Signer signer = Bip340Signer.create(Secp256k1PrivateKey.generate(RANDOM));
    assertThat(signer.nativeBinding()).isEqualTo("system");
    assertThat(signer.implementation()).isEqualTo("libsecp256k1");
  }

  @Test
  void sign_randomKeys_matchesPureJavaByteForByte() throws Exception {
    for (int i = 0; i < 200; i++) {
      Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(RANDOM);
      byte[] message = new byte[32];
      byte[] aux = new byte[32];
      RANDOM.nextBytes(message);
      RANDOM.nextBytes(aux);
      byte[] system = Bip340Signer.create(key, RANDOM).sign(message, aux);
      assertThat(system).isEqualTo(Bip340Signer.createPureJava(key, RANDOM).sign(message, aux));
      Bip340Verifier.create(key.bip340PublicKey()).verify(system, message);
    }
  }

  @Test
  void sign_bip340SigningVectorsWith32ByteMessages_reproduceTheSignature() throws Exception {
    Failures failures = new Failures();
    for (String line : Vectors.text("bip340/test-vectors.csv").split("\r?\n")) {
      String[] f = line.split(",", -1);
      if (f[0].equals("index") || f[1].isEmpty() || f[4].length() != 64) {
        continue;
      }
      failures.check("row " + f[0], () -> {
        Secp256k1PrivateKey key = Secp256k1PrivateKey.fromScalar(dev.castellan.core.bytes.SecretBytes.copyOf(Hex.decode(f[1])));
        Bip340Signer signer = Bip340Signer.create(key, RANDOM);
        assertThat(signer.nativeBinding()).isEqualTo("system");
        assertThat(Hex.encode(signer.sign(Hex.decode(f[4]), Hex.decode(f[3])))).isEqualToIgnoringCase(f[5]);
      });
    }
    failures.assertNone(4);
  }
}
