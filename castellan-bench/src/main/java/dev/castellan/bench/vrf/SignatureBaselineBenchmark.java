package dev.castellan.bench.vrf;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
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
 * Baselines for {@link EcvrfBenchmark} on the same machine and run: JDK (SunEC) ECDSA P-256 and
 * BouncyCastle Ed25519, signing and verifying the same 31-octet input.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 2, time = 2)
@Fork(1)
public class SignatureBaselineBenchmark {
  private final byte[] message =
      "castellan benchmark input, 32 b".getBytes(StandardCharsets.US_ASCII);
  private KeyPair ecdsaKeys;
  private byte[] ecdsaSignature;
  private Ed25519PrivateKeyParameters ed25519Private;
  private Ed25519PublicKeyParameters ed25519Public;
  private byte[] ed25519Signature;

  @Setup
  public void setup() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    ecdsaKeys = generator.generateKeyPair();
    ecdsaSignature = ecdsaP256Sign();
    ed25519Private = new Ed25519PrivateKeyParameters(new SecureRandom());
    ed25519Public = ed25519Private.generatePublicKey();
    ed25519Signature = ed25519Sign();
  }

  @Benchmark
  public byte[] ecdsaP256Sign() throws GeneralSecurityException {
    Signature signature = Signature.getInstance("SHA256withECDSA");
    signature.initSign(ecdsaKeys.getPrivate());
    signature.update(message);
    return signature.sign();
  }

  @Benchmark
  public boolean ecdsaP256Verify() throws GeneralSecurityException {
    Signature signature = Signature.getInstance("SHA256withECDSA");
    signature.initVerify(ecdsaKeys.getPublic());
    signature.update(message);
    return signature.verify(ecdsaSignature);
  }

  @Benchmark
  public byte[] ed25519Sign() {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, ed25519Private);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  @Benchmark
  public boolean ed25519Verify() {
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, ed25519Public);
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(ed25519Signature);
  }
}
