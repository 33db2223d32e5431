package dev.castellan.bench.signature;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
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
 * Chooses the ECDSA back end: the JDK's SunEC against BouncyCastle's custom-curve ECDSA
 * (deterministic RFC 6979 nonces), on the same key and a 64-byte message. Kept so the choice
 * recorded in docs/benchmarks/signatures.md can be re-checked on a new JDK or BC release.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class EcdsaBackendBenchmark {
  @Param({"P-256", "P-384"})
  public String curve;

  private final byte[] message = new byte[64];
  private Signature jdkSign;
  private Signature jdkVerify;
  private byte[] jdkSignature;
  private ECDSASigner bcSigner;
  private ECDSASigner bcVerifier;
  private BigInteger[] bcSignature;
  private String digestName;

  @Setup
  public void setup() throws Exception {
    boolean p256 = curve.equals("P-256");
    digestName = p256 ? "SHA-256" : "SHA-384";
    String jca = p256 ? "SHA256withECDSAinP1363Format" : "SHA384withECDSAinP1363Format";
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(p256 ? "secp256r1" : "secp384r1"));
    KeyPair pair = generator.generateKeyPair();
    jdkSign = Signature.getInstance(jca);
    jdkSign.initSign(pair.getPrivate(), new SecureRandom());
    jdkVerify = Signature.getInstance(jca);
    jdkVerify.initVerify(pair.getPublic());
    jdkSign.update(message);
    jdkSignature = jdkSign.sign();

    X9ECParameters x9 = CustomNamedCurves.getByName(curve);
    ECDomainParameters domain =
        new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
    BigInteger d = ((ECPrivateKey) pair.getPrivate()).getS();
    java.security.spec.ECPoint w = ((ECPublicKey) pair.getPublic()).getW();
    bcSigner = new ECDSASigner(new HMacDSAKCalculator(p256 ? new SHA256Digest() : new SHA384Digest()));
    bcSigner.init(true, new ECPrivateKeyParameters(d, domain));
    bcVerifier = new ECDSASigner();
    bcVerifier.init(
        false,
        new ECPublicKeyParameters(
            domain.getCurve().createPoint(w.getAffineX(), w.getAffineY()), domain));
    bcSignature = bcSigner.generateSignature(MessageDigest.getInstance(digestName).digest(message));
  }

  @Benchmark
  public byte[] jdkSign() throws Exception {
    jdkSign.update(message);
    return jdkSign.sign();
  }

  @Benchmark
  public boolean jdkVerify() throws Exception {
    jdkVerify.update(message);
    return jdkVerify.verify(jdkSignature);
  }

  @Benchmark
  public BigInteger[] bouncyCastleSign() throws Exception {
    return bcSigner.generateSignature(MessageDigest.getInstance(digestName).digest(message));
  }

  @Benchmark
  public boolean bouncyCastleVerify() throws Exception {
    return bcVerifier.verifySignature(
        MessageDigest.getInstance(digestName).digest(message), bcSignature[0], bcSignature[1]);
  }
}
