package dev.castellan.core.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Bip340Test {
  private static final byte[] MESSAGE = "oracle response".getBytes(StandardCharsets.UTF_8);
  private final SecureRandom random = new SecureRandom();

  @Test
  void sign_freshAuxRand_verifiesAndDiffersEachTime() throws Exception {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
    Bip340Signer signer = Bip340Signer.create(key, random);
    byte[] first = signer.sign(MESSAGE);
    byte[] second = signer.sign(MESSAGE);
    assertThat(first).hasSize(64).isNotEqualTo(second);
    Bip340Verifier verifier = Bip340Verifier.create(key.bip340PublicKey());
    verifier.verify(first, MESSAGE);
    verifier.verify(second, MESSAGE);
  }

  @Test
  void sign_drawsAuxRandInBlocks_eachSliceUsedOnceInOrder() throws Exception {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
    // A generator that records what it hands out, so each signature can be rebuilt from its slice.
    java.io.ByteArrayOutputStream drawn = new java.io.ByteArrayOutputStream();
    int[] calls = {0};
    SecureRandom recording = new SecureRandom() {
      @Override
      public void nextBytes(byte[] bytes) {
        random.nextBytes(bytes);
        calls[0]++;
        drawn.writeBytes(bytes);
      }
    };
    Bip340Signer signer = Bip340Signer.create(key, recording);
    int signatures = Bip340Signer.AUX_POOL_SIGNATURES + 1;
    byte[][] made = new byte[signatures][];
    for (int i = 0; i < signatures; i++) {
      made[i] = signer.sign(MESSAGE);
    }
    assertThat(calls[0]).as("one draw per %d signatures", Bip340Signer.AUX_POOL_SIGNATURES).isEqualTo(2);
    byte[] stream = drawn.toByteArray();
    for (int i = 0; i < signatures; i++) {
      byte[] aux = Arrays.copyOfRange(stream, i * Bip340Signer.AUX_RAND_LENGTH, (i + 1) * Bip340Signer.AUX_RAND_LENGTH);
      assertThat(made[i]).as("signature %d used slice %d", i, i).isEqualTo(signer.sign(MESSAGE, aux));
    }
    assertThat(java.util.Set.copyOf(Arrays.stream(made).map(Arrays::toString).toList())).hasSize(signatures);
  }

  @Test
  void verify_anyMessageLength_roundTrips() throws Exception {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
    Bip340Signer signer = Bip340Signer.create(key, random);
    Bip340Verifier verifier = Bip340Verifier.create(key.bip340PublicKey());
    for (int length : new int[] {0, 1, 31, 32, 33, 1000}) {
      byte[] message = new byte[length];
      random.nextBytes(message);
      verifier.verify(signer.sign(message), message);
    }
  }

  @Test
  void verify_flippedSignatureByte_throws() throws Exception {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
    byte[] signature = Bip340Signer.create(key, random).sign(MESSAGE);
    Bip340Verifier verifier = Bip340Verifier.create(key.bip340PublicKey());
    for (int i = 0; i < signature.length; i++) {
      byte[] mutated = signature.clone();
      mutated[i] ^= 0x01;
      assertThatThrownBy(() -> verifier.verify(mutated, MESSAGE))
          .as("byte %d", i).isInstanceOf(GeneralSecurityException.class);
    }
  }

  @Test
  void verify_wrongKeyMessageOrLength_throws() throws Exception {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
    byte[] signature = Bip340Signer.create(key, random).sign(MESSAGE);
    Bip340Verifier other = Bip340Verifier.create(Secp256k1PrivateKey.generate(random).bip340PublicKey());
    assertThatThrownBy(() -> other.verify(signature, MESSAGE)).isInstanceOf(GeneralSecurityException.class);
    Bip340Verifier verifier = Bip340Verifier.create(key.bip340PublicKey());
    assertThatThrownBy(() -> verifier.verify(signature, new byte[0]))
        .isInstanceOf(GeneralSecurityException.class);
    for (int length : new int[] {0, 63, 65}) {
      byte[] resized = Arrays.copyOf(signature, length);
      assertThatThrownBy(() -> verifier.verify(resized, MESSAGE))
          .isInstanceOf(GeneralSecurityException.class);
    }
  }

  @Test
  void sign_wrongAuxRandLength_throws() {
    Bip340Signer signer = Bip340Signer.create(Secp256k1PrivateKey.generate(random), random);
    assertThatThrownBy(() -> signer.sign(MESSAGE, new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void publicKey_invalidEncoding_throws() {
    byte[] fieldSize = new byte[32];
    Arrays.fill(fieldSize, (byte) 0xff); // >= p
    assertThatThrownBy(() -> Bip340PublicKey.fromBytes(fieldSize))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> Bip340PublicKey.fromBytes(new byte[33]))
        .isInstanceOf(GeneralSecurityException.class);
  }
}
