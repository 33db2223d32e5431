package dev.castellan.bench.vrf;

import dev.castellan.core.vrf.Ecvrf;
import dev.castellan.core.vrf.EcvrfPrivateKey;
import dev.castellan.core.vrf.EcvrfPublicKey;
import dev.castellan.core.vrf.EcvrfSuite;
import dev.castellan.core.vrf.VrfException;
import java.nio.charset.StandardCharsets;
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
 * ECVRF prove and verify (RFC 9381) for a 31-octet input. Compare with {@link
 * SignatureBaselineBenchmark} from the same run: a proof costs about three scalar multiplications,
 * an ECDSA signature one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 2, time = 2)
@Fork(1)
public class EcvrfBenchmark {
  @Param({
    "P256_SHA256_TAI",
    "P256_SHA256_SSWU",
    "EDWARDS25519_SHA512_TAI",
    "EDWARDS25519_SHA512_ELL2"
  })
  public EcvrfSuite suite;

  private EcvrfPrivateKey privateKey;
  private EcvrfPublicKey publicKey;
  private byte[] alpha;
  private byte[] pi;

  @Setup
  public void setup() throws VrfException {
    privateKey = EcvrfPrivateKey.generate(suite, new SecureRandom());
    publicKey = privateKey.publicKey();
    alpha = "castellan benchmark input, 32 b".getBytes(StandardCharsets.US_ASCII);
    pi = Ecvrf.prove(privateKey, alpha);
  }

  @Benchmark
  public byte[] prove() throws VrfException {
    return Ecvrf.prove(privateKey, alpha);
  }

  @Benchmark
  public byte[] verify() throws VrfException {
    return Ecvrf.verify(publicKey, pi, alpha);
  }
}
