package dev.castellan.keys.kms;

import dev.castellan.attestation.TeeDevice;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.keys.Sealer;
import dev.castellan.keys.UnsealException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals with AWS KMS so that only an enclave the key policy admits can unseal (seed 001's KMS
 * flow, docs/kms.md): envelope encryption under a data key from {@code GenerateDataKey}, whose
 * plaintext KMS returns only to the enclave's {@link KmsRecipient}; {@link #unseal} gets it back
 * with {@code Decrypt} and a fresh recipient. The secret itself never leaves the enclave, not
 * even to KMS (which is why this is not {@code Encrypt}), and the data key exists only in the
 * enclave's memory while it is used.
 *
 * <p>Blob: {@code "CSK1" ‖ u16 length ‖ CiphertextBlob ‖ nonce (12) ‖ AES-256-GCM(secret) ‖ tag
 * (16)}; everything before the ciphertext is associated data. {@code Decrypt} names the
 * configured key id, so a blob of another key is refused by KMS.
 *
 * <p>Contract ({@link Sealer}): unsealing MUST fail with {@link UnsealException} when KMS
 * refuses (the policy's {@code kms:RecipientAttestation:PCR0} does not match this enclave), the
 * blob is altered or is not one of this key's; messages name the cause and never the secret.
 */
public final class KmsSealer implements Sealer {
  private static final byte[] MAGIC = "CSK1".getBytes(StandardCharsets.US_ASCII);
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  /** Sealed secrets are keys: 4 KiB is far above any key and bounds the work on bad input. */
  private static final int MAX_SECRET = 4096;

  private final KmsClient client;
  private final String keyId;
  private final TeeDevice device;
  private final SecureRandom random;

  private KmsSealer(KmsClient client, String keyId, TeeDevice device, SecureRandom random) {
    this.client = Objects.requireNonNull(client, "client");
    this.keyId = KmsClient.checkKeyId(keyId);
    this.device = Objects.requireNonNull(device, "device");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A sealer on the regional KMS endpoint: the one line {@code --sealing kms:…} needs. */
  public static KmsSealer create(String region, String keyId, AwsCredentials credentials, TeeDevice device) {
    return new KmsSealer(KmsClient.create(region, credentials), keyId, device, new SecureRandom());
  }

  /** A sealer over {@code client} (another endpoint, an injected clock or HTTP client). */
  public static KmsSealer create(KmsClient client, String keyId, TeeDevice device, SecureRandom random) {
    return new KmsSealer(client, keyId, device, random);
  }

  @Override
  public byte[] seal(SecretBytes secret) throws GeneralSecurityException {
    if (secret.size() > MAX_SECRET) {
      throw new IllegalArgumentException("secret exceeds " + MAX_SECRET + " bytes");
    }
    KmsClient.DataKey dataKey = client.generateDataKey(keyId, KmsRecipient.create(device, random));
    byte[] blob = dataKey.ciphertextBlob();
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    byte[] header = ByteBuffer.allocate(MAGIC.length + 2 + blob.length + NONCE)
        .put(MAGIC).putShort((short) blob.length).put(blob).put(nonce).array();
    byte[] plaintext = secret.toByteArray();
    try {
      Cipher cipher = gcm(Cipher.ENCRYPT_MODE, dataKey.plaintext(), nonce);
      cipher.updateAAD(header);
      byte[] ciphertext = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(header.length + ciphertext.length).put(header).put(ciphertext).array();
    } finally {
      Arrays.fill(plaintext, (byte) 0);
      dataKey.plaintext().destroy();
    }
  }

  @Override
  public SecretBytes unseal(byte[] sealed) throws UnsealException {
    int blobLength = checkHeader(sealed);
    int headerLength = MAGIC.length + 2 + blobLength + NONCE;
    byte[] blob = Arrays.copyOfRange(sealed, MAGIC.length + 2, MAGIC.length + 2 + blobLength);
    byte[] nonce = Arrays.copyOfRange(sealed, headerLength - NONCE, headerLength);
    SecretBytes dataKey = decryptDataKey(blob);
    byte[] plaintext = null;
    try {
      Cipher cipher = gcm(Cipher.DECRYPT_MODE, dataKey, nonce);
      cipher.updateAAD(sealed, 0, headerLength);
      plaintext = cipher.doFinal(sealed, headerLength, sealed.length - headerLength);
      return SecretBytes.copyOf(plaintext);
    } catch (GeneralSecurityException e) {
      throw new UnsealException("the KMS-sealed key was altered: its AES-256-GCM tag does not verify");
    } finally {
      dataKey.destroy();
      if (plaintext != null) {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }

  private SecretBytes decryptDataKey(byte[] blob) throws UnsealException {
    try {
      SecretBytes key = client.decrypt(blob, Optional.of(keyId), KmsRecipient.create(device, random));
      if (key.size() != 32) {
        key.destroy();
        throw new UnsealException("KMS Decrypt returned a " + key.size() + "-byte data key, not an AES-256 key");
      }
      return key;
    } catch (KmsAccessDeniedException e) {
      throw new UnsealException("KMS refused to decrypt the sealed key under " + keyId + ": " + e.getMessage()
          + ". The key policy's kms:RecipientAttestation:PCR0 condition does not admit this enclave (PCR0 "
          + Hex.encode(device.measurement()) + "); a changed build cannot unseal, by design");
    } catch (KmsServiceException e) {
      throw new UnsealException(e.errorType().equals("InvalidCiphertextException")
          || e.errorType().equals("IncorrectKeyException")
          ? "the sealed key is not a ciphertext of KMS key " + keyId + " (" + e.getMessage() + ")"
          : "could not unseal through KMS: " + e.getMessage());
    } catch (UnsealException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new UnsealException("could not unseal through KMS: " + e.getMessage());
    }
  }

  /** The CiphertextBlob length, after checking magic and bounds. */
  private static int checkHeader(byte[] sealed) throws UnsealException {
    int fixed = MAGIC.length + 2 + NONCE + TAG_BITS / 8;
    if (sealed.length < fixed + 1 || sealed.length > fixed + KmsClient.MAX_CIPHERTEXT_BLOB + MAX_SECRET) {
      throw new UnsealException("KMS-sealed key is malformed: " + sealed.length + " bytes");
    }
    if (!Arrays.equals(sealed, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new UnsealException("KMS-sealed key is malformed: not a CSK1 blob");
    }
    int blobLength = ((sealed[MAGIC.length] & 0xff) << 8) | (sealed[MAGIC.length + 1] & 0xff);
    if (blobLength == 0 || blobLength > KmsClient.MAX_CIPHERTEXT_BLOB || fixed + blobLength > sealed.length) {
      throw new UnsealException("KMS-sealed key is malformed: CiphertextBlob length " + blobLength);
    }
    return blobLength;
  }

  private static Cipher gcm(int mode, SecretBytes key, byte[] nonce) throws GeneralSecurityException {
    byte[] bytes = key.toByteArray();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(bytes, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      return cipher;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "KmsSealer[" + keyId + ", " + client + "]";
  }
}
