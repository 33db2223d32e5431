package dev.castellan.keys.kms;

import dev.castellan.core.bytes.SecretBytes;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Opens KMS's {@code CiphertextForRecipient}: a CMS {@code ContentInfo} (RFC 5652 §3) holding
 * an {@code EnvelopedData} (§6.1) with exactly one {@code KeyTransRecipientInfo} (§6.2.1)
 * whose key encryption is RSAES-OAEP (RFC 8017; OIDs of RFC 4055) with SHA-256 and MGF1-SHA-256
 * and an empty label, and {@code EncryptedContentInfo} of type {@code id-data} encrypted with
 * AES-256-CBC (RFC 3565), PKCS#7 padding, 16-byte IV as the parameter. These are the algorithms
 * the AWS Nitro Enclaves SDK's CMS parser assumes for KMS; anything else is refused, never
 * negotiated. KMS encodes the structure in BER (indefinite lengths); the parser reads BER but
 * accepts exactly one object with no trailing bytes.
 *
 * <p>{@code originatorInfo} and {@code unprotectedAttrs} are refused: KMS has no reason to send
 * either, and neither is authenticated. The recipient identifier is not compared: the private
 * key is the only one this recipient has, and a wrong one fails the OAEP decryption.
 *
 * <p>Errors are {@link MalformedEnvelopeException}s naming the structure; RSA and CBC
 * failures have one message each, so the outcome says nothing about the key or the plaintext.
 */
final class RecipientEnvelope {
  /**
   * KMS plaintexts are at most 4096 bytes; AES-CBC adds up to one 16-byte block. The envelope is
   * that content plus an RSA-4096 encrypted key (512), an IV (16) and some hundred bytes of
   * structure: 16 KiB bounds it with room for BER's segmented strings.
   */
  static final int MAX_ENVELOPE_BYTES = 16 * 1024;

  static final int MAX_CONTENT_BYTES = 4096 + 16;
  private static final int AES_BLOCK = 16;
  private static final int AES_256_KEY = 32;

  private RecipientEnvelope() {}

  /** The plaintext of {@code envelope}, decrypted with {@code privateKey}. */
  static SecretBytes open(byte[] envelope, RSAPrivateKey privateKey) throws MalformedEnvelopeException {
    if (envelope.length == 0 || envelope.length > MAX_ENVELOPE_BYTES) {
      throw new MalformedEnvelopeException("ContentInfo",
          "size " + envelope.length + " bytes is outside 1.." + MAX_ENVELOPE_BYTES);
    }
    EnvelopedData enveloped = envelopedData(envelope);
    KeyTransRecipientInfo recipient = soleRecipient(enveloped);
    checkOaepSha256(recipient.getKeyEncryptionAlgorithm());
    EncryptedContentInfo content = enveloped.getEncryptedContentInfo();
    byte[] iv = checkContent(content);
    byte[] ciphertext = content.getEncryptedContent().getOctets();
    if (ciphertext.length == 0 || ciphertext.length % AES_BLOCK != 0 || ciphertext.length > MAX_CONTENT_BYTES) {
      throw new MalformedEnvelopeException("EncryptedContentInfo.encryptedContent",
          "length " + ciphertext.length + " is not a positive multiple of 16 up to " + MAX_CONTENT_BYTES);
    }
    byte[] encryptedKey = recipient.getEncryptedKey().getOctets();
    int modulusBytes = (privateKey.getModulus().bitLength() + 7) / 8;
    if (encryptedKey.length != modulusBytes) {
      throw new MalformedEnvelopeException("KeyTransRecipientInfo.encryptedKey",
          "length " + encryptedKey.length + " is not the recipient key's modulus length " + modulusBytes);
    }
    byte[] key = unwrapKey(encryptedKey, privateKey);
    try {
      return decryptContent(key, iv, ciphertext);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static EnvelopedData envelopedData(byte[] envelope) throws MalformedEnvelopeException {
    try (ASN1InputStream in = new ASN1InputStream(envelope)) {
      ASN1Primitive root = in.readObject();
      if (root == null || in.readObject() != null) {
        throw new MalformedEnvelopeException("ContentInfo", "not exactly one BER object");
      }
      ContentInfo info = ContentInfo.getInstance(root);
      if (!CMSObjectIdentifiers.envelopedData.equals(info.getContentType())) {
        throw new MalformedEnvelopeException("ContentInfo.contentType",
            "is " + info.getContentType().getId() + ", not id-envelopedData (1.2.840.113549.1.7.3)");
      }
      EnvelopedData enveloped = EnvelopedData.getInstance(info.getContent());
      if (enveloped.getOriginatorInfo() != null) {
        throw new MalformedEnvelopeException("EnvelopedData.originatorInfo", "present; KMS sends none");
      }
      if (enveloped.getUnprotectedAttrs() != null) {
        throw new MalformedEnvelopeException("EnvelopedData.unprotectedAttrs", "present; KMS sends none");
      }
      int version = enveloped.getVersion().intValueExact();
      if (version != 0 && version != 2) {
        throw new MalformedEnvelopeException("EnvelopedData.version", "is " + version + ", not 0 or 2");
      }
      return enveloped;
    } catch (IOException | RuntimeException e) {
      // BouncyCastle reports malformed input as IOException, IllegalArgumentException,
      // IllegalStateException or ClassCastException; none of it is echoed.
      throw new MalformedEnvelopeException("ContentInfo", "not a well-formed CMS EnvelopedData");
    }
  }

  private static KeyTransRecipientInfo soleRecipient(EnvelopedData enveloped) throws MalformedEnvelopeException {
    ASN1Set recipients = enveloped.getRecipientInfos();
    if (recipients.size() != 1) {
      throw new MalformedEnvelopeException("EnvelopedData.recipientInfos",
          "has " + recipients.size() + " recipients, expected exactly 1");
    }
    try {
      ASN1Encodable info = RecipientInfo.getInstance(recipients.getObjectAt(0)).getInfo();
      if (!(info instanceof KeyTransRecipientInfo keyTrans)) {
        throw new MalformedEnvelopeException("EnvelopedData.recipientInfos",
            "the recipient is not a KeyTransRecipientInfo");
      }
      int version = keyTrans.getVersion().intValueExact();
      if (version != 0 && version != 2) {
        throw new MalformedEnvelopeException("KeyTransRecipientInfo.version", "is " + version + ", not 0 or 2");
      }
      return keyTrans;
    } catch (RuntimeException e) {
      throw new MalformedEnvelopeException("EnvelopedData.recipientInfos", "not a well-formed RecipientInfo");
    }
  }

  /** RSAES-OAEP-params (RFC 8017 A.2.1) with SHA-256, MGF1(SHA-256) and the empty label. */
  private static void checkOaepSha256(AlgorithmIdentifier algorithm) throws MalformedEnvelopeException {
    String field = "KeyTransRecipientInfo.keyEncryptionAlgorithm";
    if (!PKCSObjectIdentifiers.id_RSAES_OAEP.equals(algorithm.getAlgorithm())) {
      throw new MalformedEnvelopeException(field,
          "is " + algorithm.getAlgorithm().getId() + ", not id-RSAES-OAEP (1.2.840.113549.1.1.7)");
    }
    if (algorithm.getParameters() == null) {
      throw new MalformedEnvelopeException(field, "RSAES-OAEP without parameters means SHA-1, not SHA-256");
    }
    try {
      RSAESOAEPparams params = RSAESOAEPparams.getInstance(algorithm.getParameters());
      requireSha256(params.getHashAlgorithm(), field + ".hashFunc");
      AlgorithmIdentifier mask = params.getMaskGenAlgorithm();
      if (!PKCSObjectIdentifiers.id_mgf1.equals(mask.getAlgorithm())) {
        throw new MalformedEnvelopeException(field + ".maskGenFunc", "is not MGF1");
      }
      requireSha256(AlgorithmIdentifier.getInstance(mask.getParameters()), field + ".maskGenFunc");
      AlgorithmIdentifier label = params.getPSourceAlgorithm();
      if (!PKCSObjectIdentifiers.id_pSpecified.equals(label.getAlgorithm())
          || ASN1OctetString.getInstance(label.getParameters()).getOctets().length != 0) {
        throw new MalformedEnvelopeException(field + ".pSourceFunc", "is not the empty label");
      }
    } catch (RuntimeException e) {
      throw new MalformedEnvelopeException(field, "RSAES-OAEP-params are not well formed");
    }
  }

  private static void requireSha256(AlgorithmIdentifier hash, String field) throws MalformedEnvelopeException {
    ASN1Encodable parameters = hash.getParameters();
    if (!NISTObjectIdentifiers.id_sha256.equals(hash.getAlgorithm())
        || (parameters != null && !DERNull.INSTANCE.equals(parameters))) {
      throw new MalformedEnvelopeException(field,
          "is " + hash.getAlgorithm().getId() + ", not id-sha256 (2.16.840.1.101.3.4.2.1)");
    }
  }

  /** The IV, after checking the content type and algorithm. */
  private static byte[] checkContent(EncryptedContentInfo content) throws MalformedEnvelopeException {
    ASN1ObjectIdentifier type = content.getContentType();
    if (!CMSObjectIdentifiers.data.equals(type)) {
      throw new MalformedEnvelopeException("EncryptedContentInfo.contentType",
          "is " + type.getId() + ", not id-data (1.2.840.113549.1.7.1)");
    }
    AlgorithmIdentifier algorithm = content.getContentEncryptionAlgorithm();
    if (!NISTObjectIdentifiers.id_aes256_CBC.equals(algorithm.getAlgorithm())) {
      throw new MalformedEnvelopeException("EncryptedContentInfo.contentEncryptionAlgorithm",
          "is " + algorithm.getAlgorithm().getId() + ", not id-aes256-CBC (2.16.840.1.101.3.4.1.42)");
    }
    if (content.getEncryptedContent() == null) {
      throw new MalformedEnvelopeException("EncryptedContentInfo.encryptedContent", "absent");
    }
    try {
      byte[] iv = ASN1OctetString.getInstance(algorithm.getParameters()).getOctets();
      if (iv.length != AES_BLOCK) {
        throw new MalformedEnvelopeException("EncryptedContentInfo.contentEncryptionAlgorithm",
            "AES-CBC IV is " + iv.length + " bytes, not 16");
      }
      return iv;
    } catch (RuntimeException e) {
      throw new MalformedEnvelopeException("EncryptedContentInfo.contentEncryptionAlgorithm",
          "AES-CBC parameters are not an OCTET STRING IV");
    }
  }

  private static byte[] unwrapKey(byte[] encryptedKey, RSAPrivateKey privateKey) throws MalformedEnvelopeException {
    try {
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
      rsa.init(Cipher.DECRYPT_MODE, privateKey,
          new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
      byte[] key = rsa.doFinal(encryptedKey);
      if (key.length != AES_256_KEY) {
        Arrays.fill(key, (byte) 0);
        throw new MalformedEnvelopeException("KeyTransRecipientInfo.encryptedKey",
            "the content-encryption key is not 32 bytes (AES-256)");
      }
      return key;
    } catch (GeneralSecurityException e) {
      if (e instanceof MalformedEnvelopeException m) {
        throw m;
      }
      throw new MalformedEnvelopeException("KeyTransRecipientInfo.encryptedKey",
          "does not decrypt with this recipient's private key (RSAES-OAEP-SHA-256)");
    }
  }

  private static SecretBytes decryptContent(byte[] key, byte[] iv, byte[] ciphertext) throws MalformedEnvelopeException {
    byte[] plaintext = null;
    try {
      Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
      aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      plaintext = aes.doFinal(ciphertext);
      return SecretBytes.copyOf(plaintext);
    } catch (GeneralSecurityException e) {
      throw new MalformedEnvelopeException("EncryptedContentInfo.encryptedContent",
          "does not decrypt under the content-encryption key (AES-256-CBC)");
    } finally {
      if (plaintext != null) {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }
}
