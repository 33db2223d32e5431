package dev.castellan.keys;

import dev.castellan.core.bytes.ConstantTime;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.hash.HashAlgorithm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Seals with AES-256-GCM under a key derived by HKDF-SHA256 (RFC 5869) from a device secret
 * and the measurement: {@code key = HKDF(ikm = deviceSecret, salt = "castellan/seal/v1",
 * info = measurement)}. Without the device secret nobody can derive the key; with a different
 * measurement the derived key differs and the GCM tag fails.
 *
 * <p>Blob: {@code "CSL1" ‖ SHA-256(measurement) (32) ‖ nonce (12) ‖ ciphertext ‖ tag (16)}.
 * The measurement digest in the clear only makes the error message precise ("sealed to a
 * different measurement"); the protection is the key derivation, and the header is
 * authenticated as GCM associated data.
 */
public final class MeasurementSealer implements Sealer {
  private static final byte[] MAGIC = "CSL1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SALT = "castellan/seal/v1".getBytes(StandardCharsets.US_ASCII);
  private static final int DIGEST = 32;
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  private static final int HEADER = MAGIC.length + DIGEST + NONCE;
  /** Sealed secrets are keys: 4 KiB is far above any key and bounds the work on bad input. */
  private static final int MAX_SECRET = 4096;

  private final SecretBytes deviceSecret;
  private final byte[] measurement;
  private final SecureRandom random;

  private MeasurementSealer(SecretBytes deviceSecret, byte[] measurement, SecureRandom random) {
    this.deviceSecret = deviceSecret;
    this.measurement = measurement.clone();
    this.random = random;
  }

  /**
   * A sealer for the device holding {@code deviceSecret} (at least 32 bytes) running code
   * measured as {@code measurement} (e.g. PCR0, MEASUREMENT or MRTD bytes).
   */
  public static MeasurementSealer create(SecretBytes deviceSecret, byte[] measurement, SecureRandom random) {
    if (deviceSecret.size() < 32) {
      throw new IllegalArgumentException("device secret must be at least 32 bytes");
    }
    if (measurement.length == 0) {
      throw new IllegalArgumentException("measurement must not be empty");
    }
    return new MeasurementSealer(deviceSecret, measurement, random);
  }

  @Override
  public byte[] seal(SecretBytes secret) throws GeneralSecurityException {
    if (secret.size() > MAX_SECRET) {
      throw new IllegalArgumentException("secret exceeds " + MAX_SECRET + " bytes");
    }
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    byte[] header =
        ByteBuffer.allocate(HEADER).put(MAGIC).put(HashAlgorithm.SHA_256.hash(measurement)).put(nonce).array();
    byte[] plaintext = secret.toByteArray();
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce);
      cipher.updateAAD(header);
      byte[] ciphertext = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(header.length + ciphertext.length).put(header).put(ciphertext).array();
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  @Override
  public SecretBytes unseal(byte[] sealed) throws UnsealException {
    if (sealed.length < HEADER + TAG_BITS / 8 || sealed.length > HEADER + MAX_SECRET + TAG_BITS / 8) {
      throw new UnsealException("sealed key is malformed: " + sealed.length + " bytes");
    }
    if (!Arrays.equals(sealed, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new UnsealException("sealed key is malformed: not a CSL1 blob");
    }
    byte[] sealedTo = Arrays.copyOfRange(sealed, MAGIC.length, MAGIC.length + DIGEST);
    byte[] current = HashAlgorithm.SHA_256.hash(measurement);
    if (!ConstantTime.equals(sealedTo, current)) {
      throw new UnsealException(
          "the key was sealed to a different measurement (sealed to sha256:"
              + Hex.encode(sealedTo)
              + ", running sha256:"
              + Hex.encode(current)
              + "); refusing to create a new key");
    }
    byte[] nonce = Arrays.copyOfRange(sealed, MAGIC.length + DIGEST, HEADER);
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce);
      cipher.updateAAD(sealed, 0, HEADER);
      byte[] plaintext = cipher.doFinal(sealed, HEADER, sealed.length - HEADER);
      try {
        return SecretBytes.copyOf(plaintext);
      } finally {
        Arrays.fill(plaintext, (byte) 0);
      }
    } catch (GeneralSecurityException e) {
      throw new UnsealException(
          "the sealed key does not open on this device (another device secret, or the blob was altered)");
    }
  }

  private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
    byte[] key = deriveKey();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      return cipher;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private byte[] deriveKey() {
    byte[] ikm = deviceSecret.toByteArray();
    try {
      HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
      hkdf.init(new HKDFParameters(ikm, SALT, measurement));
      byte[] key = new byte[32];
      hkdf.generateBytes(key, 0, key.length);
      return key;
    } finally {
      Arrays.fill(ikm, (byte) 0);
    }
  }
}
