package dev.castellan.authority.entropy;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.tokens.AuthorityPublicKey;
import dev.castellan.tokens.SigningKey;
import dev.castellan.tokens.envelope.ByteString;
import dev.castellan.tokens.envelope.EntropyPublication;
import dev.castellan.tokens.envelope.EnvelopeCodec;
import dev.castellan.tokens.envelope.EnvelopeSignatures;
import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes entropyd's {@code entropy_pub} envelopes: a fresh chunk and a fresh 16-byte nonce from
 * entropyd's own generator, the time, the generator's name as {@code drbg_version}, and
 * entropyd's COSE_Sign1 over it all ({@link EnvelopeSignatures}).
 *
 * <p>The generator ({@link #create}) is the JDK's NIST SP 800-90A DRBG (JEP 273) at 256 bits
 * with <b>prediction resistance</b>: every chunk is generated right after a reseed from the
 * JDK's entropy source (the operating system's, {@code /dev/random} on Linux), SP 800-90A §9.3.
 * Chosen over {@code SecureRandom.getInstanceStrong()} because it names its mechanism (the
 * {@code drbg_version} a receiver sees, e.g. {@code Hash_DRBG,SHA-256,256,pr_and_reseed}) where
 * the strong instance is whatever the platform configures ({@code NativePRNGBlocking} on
 * Linux, {@code Windows-PRNG} elsewhere), and because prediction resistance means that someone
 * who learnt entropyd's DRBG state learns no later chunk. Safe for concurrent use.
 */
public final class EntropyPublisher {
  /** The nonce of every publication: 16 bytes, well inside the schema's 8..64. */
  public static final int NONCE_BYTES = 16;
  private static final byte[] PERSONALIZATION = "castellan entropyd".getBytes(StandardCharsets.UTF_8);

  private final SecureRandom drbg;
  private final SigningKey key;
  private final Clock clock;

  private EntropyPublisher(SecureRandom drbg, SigningKey key, Clock clock) {
    this.drbg = Objects.requireNonNull(drbg, "drbg");
    this.key = Objects.requireNonNull(key, "key");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Publishes from a new prediction-resistant DRBG, signed by {@code key}. */
  public static EntropyPublisher create(SigningKey key, Clock clock) {
    try {
      return new EntropyPublisher(SecureRandom.getInstance("DRBG", DrbgParameters.instantiation(
          256, DrbgParameters.Capability.PR_AND_RESEED, PERSONALIZATION)), key, clock);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK's DRBG (JEP 273) is missing", e);
    }
  }

  /**
   * The encoded, signed envelope of a new chunk of {@code chunkBytes} bytes. The array holds
   * the chunk: the caller MUST wipe it once sent.
   */
  public byte[] next(int chunkBytes) throws GeneralSecurityException {
    if (chunkBytes < AuthorityRandom.MIN_CHUNK || chunkBytes > AuthorityRandom.MAX_CHUNK) {
      throw new IllegalArgumentException("a chunk is " + AuthorityRandom.MIN_CHUNK + " to " + AuthorityRandom.MAX_CHUNK + " bytes");
    }
    byte[] chunk = new byte[chunkBytes];
    byte[] nonce = new byte[NONCE_BYTES];
    drbg.nextBytes(chunk, DrbgParameters.nextBytes(256, true, null));
    drbg.nextBytes(nonce);
    SecretBytes secret = SecretBytes.copyOf(chunk);
    Arrays.fill(chunk, (byte) 0);
    try {
      EntropyPublication unsigned = new EntropyPublication(drbgVersion(), ByteString.of(nonce), secret,
          clock.instant().truncatedTo(ChronoUnit.SECONDS), Optional.empty());
      return EnvelopeCodec.encode(EnvelopeSignatures.sign(unsigned, key));
    } finally {
      secret.destroy();
    }
  }

  /** The generator's name, e.g. {@code Hash_DRBG,SHA-256,256,pr_and_reseed}: never its state. */
  public String drbgVersion() {
    return drbg.toString();
  }

  /** The key receivers pin to verify publications. */
  public AuthorityPublicKey publicKey() {
    return key.publicKey();
  }
}
