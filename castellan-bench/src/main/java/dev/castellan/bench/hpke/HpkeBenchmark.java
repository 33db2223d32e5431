package dev.castellan.bench.hpke;

import dev.castellan.core.hpke.Hpke;
import dev.castellan.core.hpke.HpkeException;
import dev.castellan.core.hpke.HpkePrivateKey;
import dev.castellan.core.hpke.HpkeSuite;
import dev.castellan.core.hpke.SealedMessage;
import dev.castellan.core.hpke.SenderContext;
import java.nio.charset.StandardCharsets;
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
 * HPKE Base mode with a 1 KiB message: single-shot seal (KEM encap + key schedule + AEAD),
 * single-shot open (decap + key schedule + AEAD), and seal on an established context (AEAD only:
 * the per-message cost of a stream).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 2, time = 2)
@Fork(1)
public class HpkeBenchmark {
  @Param({"X25519_SHA256_CHACHA20POLY1305", "P256_SHA256_AES128GCM"})
  public String suiteName;

  private static final byte[] INFO = "castellan bench".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AAD = new byte[0];

  private HpkeSuite suite;
  private HpkePrivateKey recipient;
  private byte[] plaintext;
  private SealedMessage sealed;
  private SenderContext context;

  @Setup
  public void setup() throws HpkeException {
    suite =
        suiteName.startsWith("X25519")
            ? HpkeSuite.X25519_SHA256_CHACHA20POLY1305
            : HpkeSuite.P256_SHA256_AES128GCM;
    recipient = Hpke.generateKeyPair(suite.kem());
    plaintext = new byte[1024];
    sealed = Hpke.seal(suite, recipient.publicKey(), INFO, AAD, plaintext);
    context = Hpke.setupBaseSender(suite, recipient.publicKey(), INFO);
  }

  @Benchmark
  public SealedMessage sealSingleShot() throws HpkeException {
    return Hpke.seal(suite, recipient.publicKey(), INFO, AAD, plaintext);
  }

  @Benchmark
  public byte[] openSingleShot() throws HpkeException {
    return Hpke.open(suite, sealed.enc(), recipient, INFO, AAD, sealed.ciphertext());
  }

  @Benchmark
  public byte[] sealOnContext() throws HpkeException {
    return context.seal(AAD, plaintext);
  }
}
