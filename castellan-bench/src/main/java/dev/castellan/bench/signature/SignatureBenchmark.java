package dev.castellan.bench.signature;

import dev.castellan.core.signature.Bip340Signer;
import dev.castellan.core.signature.Bip340Verifier;
import dev.castellan.core.signature.EcdsaCurve;
import dev.castellan.core.signature.EcdsaPrivateKey;
import dev.castellan.core.signature.EcdsaSignatureEncoding;
import dev.castellan.core.signature.EcdsaSigner;
import dev.castellan.core.signature.EcdsaVerifier;
import dev.castellan.core.signature.Ed25519PrivateKey;
import dev.castellan.core.signature.Ed25519Signer;
import dev.castellan.core.signature.Ed25519Verifier;
import dev.castellan.core.signature.PublicKeySign;
import dev.castellan.core.signature.PublicKeyVerify;
import dev.castellan.core.signature.Secp256k1EcdsaSigner;
import dev.castellan.core.signature.Secp256k1EcdsaVerifier;
import dev.castellan.core.signature.Secp256k1PrivateKey;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sign and verify throughput of every public signature primitive, through the public API,
 * over a 32-byte message (a digest, as the oracle and the log sign). The baseline is
 * {@code openssl speed -seconds 3 ed25519 ecdsap256 ecdsap384} run on the same machine
 * right after (docs/benchmarks/signatures.md); libsecp256k1's is in {@link Bip340Benchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SignatureBenchmark {
  @Param({"ED25519", "ECDSA_P256", "ECDSA_P384", "SECP256K1_ECDSA", "BIP340"})
  public String algorithm;

  private final byte[] message = new byte[32];
  private PublicKeySign signer;
  private PublicKeyVerify verifier;
  private byte[] signature;

  @Setup
  public void setup() throws Exception {
    SecureRandom random = new SecureRandom();
    random.nextBytes(message);
    switch (algorithm) {
      case "ED25519" -> {
        Ed25519PrivateKey key = Ed25519PrivateKey.generate(random);
        signer = Ed25519Signer.create(key);
        verifier = Ed25519Verifier.create(key.publicKey());
      }
      case "ECDSA_P256", "ECDSA_P384" -> {
        EcdsaCurve curve = algorithm.equals("ECDSA_P256") ? EcdsaCurve.P_256 : EcdsaCurve.P_384;
        EcdsaPrivateKey key = EcdsaPrivateKey.generate(curve, random);
        signer = EcdsaSigner.create(key, EcdsaSignatureEncoding.DER);
        verifier = EcdsaVerifier.create(key.publicKey(), EcdsaSignatureEncoding.DER);
      }
      case "SECP256K1_ECDSA" -> {
        Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
        signer = Secp256k1EcdsaSigner.create(key, EcdsaSignatureEncoding.DER);
        verifier = Secp256k1EcdsaVerifier.create(key.publicKey(), EcdsaSignatureEncoding.DER);
      }
      case "BIP340" -> {
        Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
        signer = Bip340Signer.create(key, random);
        verifier = Bip340Verifier.create(key.bip340PublicKey());
      }
      default -> throw new IllegalArgumentException(algorithm);
    }
    signature = signer.sign(message);
  }

  @Benchmark
  public byte[] sign() throws Exception {
    return signer.sign(message);
  }

  @Benchmark
  public void verify() throws Exception {
    verifier.verify(signature, message);
  }
}
