package dev.castellan.bench.hpke;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Baselines for {@link HpkeBenchmark} on the same machine and run: the JDK's own X25519 and P-256
 * key agreement (one DH each; an HPKE seal needs a key generation and a DH, an open one DH plus a
 * public-key derivation), and a bare ChaCha20-Poly1305 encryption of 1 KiB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 2, time = 2)
@Fork(1)
public class HpkeBaselineBenchmark {
  private KeyPair x25519A;
  private KeyPair x25519B;
  private KeyPair p256A;
  private KeyPair p256B;
  private final SecretKeySpec chachaKey = new SecretKeySpec(new byte[32], "ChaCha20");
  private final byte[] plaintext = new byte[1024];
  private final byte[] nonce = new byte[12];
  private long counter;

  @Setup
  public void setup() throws GeneralSecurityException {
    KeyPairGenerator x25519 = KeyPairGenerator.getInstance("X25519");
    x25519A = x25519.generateKeyPair();
    x25519B = x25519.generateKeyPair();
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    p256A = ec.generateKeyPair();
    p256B = ec.generateKeyPair();
  }

  @Benchmark
  public byte[] x25519KeyAgreementJdk() throws GeneralSecurityException {
    KeyAgreement agreement = KeyAgreement.getInstance("X25519");
    agreement.init(x25519A.getPrivate());
    agreement.doPhase(x25519B.getPublic(), true);
    return agreement.generateSecret();
  }

  @Benchmark
  public byte[] p256KeyAgreementJdk() throws GeneralSecurityException {
    KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
    agreement.init(p256A.getPrivate());
    agreement.doPhase(p256B.getPublic(), true);
    return agreement.generateSecret();
  }

  @Benchmark
  public byte[] chacha20Poly1305Seal1KiB() throws GeneralSecurityException {
    // A fresh nonce each call: the JDK refuses to encrypt twice under one key and nonce.
    long n = counter++;
    for (int i = 0; i < 8; i++) {
      nonce[11 - i] = (byte) (n >>> (8 * i));
    }
    Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
    cipher.init(Cipher.ENCRYPT_MODE, chachaKey, new IvParameterSpec(nonce));
    return cipher.doFinal(plaintext);
  }
}
