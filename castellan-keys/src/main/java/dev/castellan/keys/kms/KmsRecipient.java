package dev.castellan.keys.kms;

import dev.castellan.attestation.TeeDevice;
import dev.castellan.core.bytes.SecretBytes;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Objects;

/**
 * The enclave's side of a KMS {@code Recipient} (AWS KMS API Reference, {@code RecipientInfo};
 * Nitro Enclaves User Guide, "Cryptographic attestation support in AWS KMS"): an ephemeral RSA
 * key pair drawn inside the enclave, an attestation document whose {@code public_key} is the
 * public half (DER SubjectPublicKeyInfo), and {@link #open} for the {@code
 * CiphertextForRecipient} KMS encrypts to it.
 *
 * <p>Contract: the private key MUST NOT leave this object; one recipient serves one KMS call
 * (a fresh key and a fresh document each time, so a captured document is of no use once the
 * object is gone). The only key encryption algorithm KMS accepts for a recipient is {@link
 * #KEY_ENCRYPTION_ALGORITHM}.
 */
public final class KmsRecipient {
  /** The {@code KeyEncryptionAlgorithm} of the {@code Recipient} parameter. */
  public static final String KEY_ENCRYPTION_ALGORITHM = "RSAES_OAEP_SHA_256";

  /** The AWS Nitro Enclaves SDK's default; 3072 and 4096 are accepted too. */
  public static final int DEFAULT_MODULUS_BITS = 2048;

  private final byte[] publicKey;
  private final RSAPrivateKey privateKey;
  private final byte[] attestationDocument;

  private KmsRecipient(byte[] publicKey, RSAPrivateKey privateKey, byte[] attestationDocument) {
    this.publicKey = publicKey;
    this.privateKey = privateKey;
    this.attestationDocument = attestationDocument;
  }

  /** {@link #create(TeeDevice, SecureRandom, int)} with an RSA-2048 key. */
  public static KmsRecipient create(TeeDevice device, SecureRandom random) throws GeneralSecurityException {
    return create(device, random, DEFAULT_MODULUS_BITS);
  }

  /**
   * Draws an RSA key of {@code modulusBits} (2048, 3072 or 4096; exponent 65537) and asks
   * {@code device} for an attestation document carrying its public key.
   *
   * @throws GeneralSecurityException if the device cannot put a public key in its evidence
   *     (only Nitro can) or attestation fails
   */
  public static KmsRecipient create(TeeDevice device, SecureRandom random, int modulusBits)
      throws GeneralSecurityException {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(random, "random");
    if (modulusBits != 2048 && modulusBits != 3072 && modulusBits != 4096) {
      throw new IllegalArgumentException("RSA modulus must be 2048, 3072 or 4096 bits, got " + modulusBits);
    }
    if (!"nitro".equals(device.platform())) {
      throw new GeneralSecurityException(
          "KMS accepts Recipient attestation documents from Nitro only; this device is " + device.platform());
    }
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(new RSAKeyGenParameterSpec(modulusBits, RSAKeyGenParameterSpec.F4), random);
    KeyPair pair = generator.generateKeyPair();
    byte[] spki = pair.getPublic().getEncoded();
    byte[] document = device.attest(null, null, spki);
    return new KmsRecipient(spki, (RSAPrivateKey) pair.getPrivate(), document);
  }

  /** The public key as DER SubjectPublicKeyInfo: the document's {@code public_key}. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The attestation document (COSE_Sign1) for {@code Recipient.AttestationDocument}. */
  public byte[] attestationDocument() {
    return attestationDocument.clone();
  }

  /**
   * The plaintext inside {@code ciphertextForRecipient} (a CMS EnvelopedData, docs/kms.md).
   *
   * @throws MalformedEnvelopeException naming the structure that is not what KMS sends, or that
   *     does not decrypt with this recipient's key
   */
  public SecretBytes open(byte[] ciphertextForRecipient) throws MalformedEnvelopeException {
    return RecipientEnvelope.open(Objects.requireNonNull(ciphertextForRecipient, "ciphertextForRecipient"), privateKey);
  }

  @Override
  public String toString() {
    return "KmsRecipient[RSA-" + privateKey.getModulus().bitLength() + ", " + KEY_ENCRYPTION_ALGORITHM + "]";
  }
}
