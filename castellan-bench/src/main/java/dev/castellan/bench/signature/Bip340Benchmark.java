package dev.castellan.bench.signature;

import dev.castellan.core.internal.signature.Bip340Math;
import dev.castellan.core.signature.Bip340PublicKey;
import dev.castellan.core.signature.Bip340Signer;
import dev.castellan.core.signature.Bip340Verifier;
import dev.castellan.core.signature.Secp256k1PrivateKey;
import fr.acinq.secp256k1.Secp256k1;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
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
 * BIP-340 signing and verification of a 32-byte message (the oracle signs SHA-256 of the
 * response body): Castellan's {@link Bip340Signer} against libsecp256k1 through ACINQ's JNI
 * binding, the same-run baseline. Single thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class Bip340Benchmark {
  private final byte[] message = new byte[32];
  private final byte[] auxRand = new byte[32];
  private Bip340Signer signer;
  private Bip340Verifier verifier;
  private byte[] signature;
  private byte[] secret;
  private byte[] xOnly;
  private Secp256k1 lib;
  private Bip340Math.SigningKey pureKey;
  private org.bouncycastle.math.ec.ECPoint purePoint;

  @Setup
  public void setup() throws Exception {
    SecureRandom random = new SecureRandom();
    random.nextBytes(message);
    random.nextBytes(auxRand);
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
    signer = Bip340Signer.create(key, random);
    verifier = Bip340Verifier.create(key.bip340PublicKey());
    signature = signer.sign(message, auxRand);
    secret = key.scalar().toByteArray();
    xOnly = key.bip340PublicKey().toBytes();
    lib = Secp256k1.get();
    pureKey = Bip340Math.signingKey(new java.math.BigInteger(1, secret));
    purePoint = Bip340Math.liftX(Bip340PublicKey.fromBytes(xOnly).toBytes());
  }

  /** The pure-Java fallback (bench runs on the class path, so it can reach internals). */
  @Benchmark
  public byte[] pureJavaSign() {
    return Bip340Math.sign(pureKey, message, auxRand);
  }

  @Benchmark
  public void pureJavaVerify() throws Exception {
    Bip340Math.verify(purePoint, xOnly, signature, message);
  }

  /**
   * The public API with fresh aux_rand from the signer's SecureRandom, as the oracle signs
   * (libsecp256k1 underneath when it loads: {@link Bip340Signer#implementation()}).
   */
  @Benchmark
  public byte[] castellanSign() {
    return signer.sign(message);
  }

  @Benchmark
  public void castellanVerify() throws Exception {
    verifier.verify(signature, message);
  }

  @Benchmark
  public byte[] libsecp256k1Sign() {
    return lib.signSchnorr(message, secret, auxRand);
  }

  @Benchmark
  public boolean libsecp256k1Verify() {
    return lib.verifySchnorr(signature, message, xOnly);
  }
}
