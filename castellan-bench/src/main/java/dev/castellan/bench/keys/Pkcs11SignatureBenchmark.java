package dev.castellan.bench.keys;

import dev.castellan.core.signature.EcdsaCurve;
import dev.castellan.core.signature.EcdsaPrivateKey;
import dev.castellan.core.signature.EcdsaSignatureEncoding;
import dev.castellan.core.signature.EcdsaSigner;
import dev.castellan.core.signature.Ed25519PrivateKey;
import dev.castellan.core.signature.Ed25519Signer;
import dev.castellan.core.signature.PublicKeySign;
import dev.castellan.keys.pkcs11.Pkcs11KeyType;
import dev.castellan.keys.pkcs11.Pkcs11Signer;
import dev.castellan.keys.pkcs11.Pkcs11Token;
import dev.castellan.keys.pkcs11.Pkcs11Uri;
import dev.castellan.testkit.SoftHsm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signatures per second with the private key in a SoftHSM2 token ({@link Pkcs11Signer}, the
 * whole path: digest here for P-256, FFM downcalls, C_SignInit + C_Sign, DER and low-S) against
 * the same run's software signer of the same key type ({@link EcdsaSigner} DER,
 * {@link Ed25519Signer}), over a 32-byte message as in {@code SignatureBenchmark}.
 *
 * <p>SoftHSM reads {@code SOFTHSM2_CONF} from the environment, which the forked JVM inherits:
 * {@code SOFTHSM2_CONF=/tmp/castellan-bench-softhsm/softhsm2.conf java -jar benchmarks.jar Pkcs11}
 * (the file is written, and a token created, by the set-up).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class Pkcs11SignatureBenchmark {
  @Param({"ED25519", "ECDSA_P256"})
  public String algorithm;

  private final byte[] message = new byte[32];
  private Path dir;
  private Pkcs11Signer token;
  private PublicKeySign software;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    SecureRandom random = new SecureRandom();
    random.nextBytes(message);
    dir = Files.createTempDirectory("castellan-bench-pkcs11");
    SoftHsm.Token created = SoftHsm.createToken("bench", dir);
    Pkcs11KeyType type = algorithm.equals("ED25519") ? Pkcs11KeyType.ED25519 : Pkcs11KeyType.P256;
    try (Pkcs11Token opened = Pkcs11Token.open(Pkcs11Uri.parse(created.uri("")))) {
      opened.generateKeyPair(type, "bench", new byte[] {1});
    }
    token = Pkcs11Signer.open(Pkcs11Uri.parse(created.uri("object=bench")));
    software = type == Pkcs11KeyType.ED25519 ? Ed25519Signer.create(Ed25519PrivateKey.generate(random))
        : EcdsaSigner.create(EcdsaPrivateKey.generate(EcdsaCurve.P_256, random), EcdsaSignatureEncoding.DER);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    token.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  @Benchmark
  public byte[] token() throws Exception {
    return token.sign(message);
  }

  @Benchmark
  public byte[] software() throws Exception {
    return software.sign(message);
  }
}
