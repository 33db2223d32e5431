package dev.castellan.keys.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.cms.CMSAlgorithm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The strict CMS EnvelopedData opener, against envelopes built by BouncyCastle's generator. */
class RecipientEnvelopeTest {
  static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  static KeyPair recipient;
  static KeyPair other;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    recipient = generator.generateKeyPair();
    other = generator.generateKeyPair();
  }

  static SecretBytes open(byte[] envelope) throws MalformedEnvelopeException {
    return RecipientEnvelope.open(envelope, (RSAPrivateKey) recipient.getPrivate());
  }

  @Test
  void open_kmsShapedEnvelope_returnsPlaintext() throws Exception {
    assertThat(open(TestEnvelopes.kms(SECRET, recipient.getPublic())).toByteArray()).isEqualTo(SECRET);
  }

  @Test
  void open_berIndefiniteLengthEnvelope_returnsPlaintext() throws Exception {
    byte[] ber = TestEnvelopes.kmsBer(SECRET, recipient.getPublic());
    assertThat(ber[1] & 0xff).as("indefinite length").isEqualTo(0x80);
    assertThat(open(ber).toByteArray()).isEqualTo(SECRET);
  }

  @Test
  void open_maximalPlaintext_returnsIt() throws Exception {
    byte[] large = new byte[4096];
    assertThat(open(TestEnvelopes.kms(large, recipient.getPublic())).toByteArray()).isEqualTo(large);
  }

  @Test
  void open_wrongPrivateKey_throwsNamingEncryptedKey() throws Exception {
    byte[] envelope = TestEnvelopes.kms(SECRET, other.getPublic());
    assertThatThrownBy(() -> open(envelope))
        .isInstanceOf(MalformedEnvelopeException.class)
        .hasMessage("CiphertextForRecipient KeyTransRecipientInfo.encryptedKey: does not decrypt with this"
            + " recipient's private key (RSAES-OAEP-SHA-256)");
  }

  @Test
  void open_tamperedEncryptedKey_throws() throws Exception {
    byte[] envelope = TestEnvelopes.mutate(TestEnvelopes.kms(SECRET, recipient.getPublic()), e -> {
      var info = org.bouncycastle.asn1.cms.RecipientInfo.getInstance(e.getRecipientInfos().getObjectAt(0));
      var keyTrans = (org.bouncycastle.asn1.cms.KeyTransRecipientInfo) info.getInfo();
      byte[] key = keyTrans.getEncryptedKey().getOctets();
      key[10] ^= 1;
      var changed = new org.bouncycastle.asn1.cms.KeyTransRecipientInfo(keyTrans.getRecipientIdentifier(),
          keyTrans.getKeyEncryptionAlgorithm(), new DEROctetString(key));
      return new EnvelopedData(null, new DERSet(new org.bouncycastle.asn1.cms.RecipientInfo(changed)),
          e.getEncryptedContentInfo(), (org.bouncycastle.asn1.ASN1Set) null);
    });
    assertThatThrownBy(() -> open(envelope)).hasMessageContaining("KeyTransRecipientInfo.encryptedKey");
  }

  @Test
  void open_tamperedPadding_throwsNamingEncryptedContent() throws Exception {
    // 32 bytes of plaintext end in a full padding block of 0x10; flipping the low bit of the
    // previous block's last byte turns the final pad byte into 0x11, never valid.
    byte[] envelope = TestEnvelopes.mutate(TestEnvelopes.kms(SECRET, recipient.getPublic()), e -> {
      EncryptedContentInfo content = e.getEncryptedContentInfo();
      byte[] ciphertext = content.getEncryptedContent().getOctets();
      ciphertext[ciphertext.length - 17] ^= 1;
      return withContent(e, new EncryptedContentInfo(content.getContentType(),
          content.getContentEncryptionAlgorithm(), new DEROctetString(ciphertext)));
    });
    assertThatThrownBy(() -> open(envelope))
        .isInstanceOf(MalformedEnvelopeException.class)
        .hasMessage("CiphertextForRecipient EncryptedContentInfo.encryptedContent: does not decrypt under the"
            + " content-encryption key (AES-256-CBC)");
  }

  @Test
  void open_truncatedContent_throws() throws Exception {
    byte[] envelope = TestEnvelopes.mutate(TestEnvelopes.kms(SECRET, recipient.getPublic()), e -> {
      EncryptedContentInfo content = e.getEncryptedContentInfo();
      byte[] ciphertext = java.util.Arrays.copyOf(content.getEncryptedContent().getOctets(), 40);
      return withContent(e, new EncryptedContentInfo(content.getContentType(),
          content.getContentEncryptionAlgorithm(), new DEROctetString(ciphertext)));
    });
    assertThatThrownBy(() -> open(envelope)).hasMessageContaining("encryptedContent: length 40");
  }

  @Test
  void open_twoRecipients_throws() throws Exception {
    byte[] envelope = TestEnvelopes.build(SECRET, CMSAlgorithm.AES256_CBC,
        TestEnvelopes.oaep(recipient.getPublic(), TestEnvelopes.OAEP_SHA256),
        TestEnvelopes.oaep(other.getPublic(), TestEnvelopes.OAEP_SHA256));
    assertThatThrownBy(() -> open(envelope))
        .hasMessage("CiphertextForRecipient EnvelopedData.recipientInfos: has 2 recipients, expected exactly 1");
  }

  @Test
  void open_oaepWithSha1_throwsNamingHash() throws Exception {
    byte[] envelope = TestEnvelopes.build(SECRET, CMSAlgorithm.AES256_CBC,
        TestEnvelopes.oaep(recipient.getPublic(), TestEnvelopes.OAEP_SHA1));
    assertThatThrownBy(() -> open(envelope)).hasMessageContaining("keyEncryptionAlgorithm.hashFunc: is 1.3.14.3.2.26");
  }

  @Test
  void open_pkcs1KeyTransport_throwsNamingAlgorithm() throws Exception {
    byte[] envelope = TestEnvelopes.build(SECRET, CMSAlgorithm.AES256_CBC, TestEnvelopes.pkcs1(recipient.getPublic()));
    assertThatThrownBy(() -> open(envelope))
        .hasMessageContaining("keyEncryptionAlgorithm: is 1.2.840.113549.1.1.1, not id-RSAES-OAEP");
  }

  @Test
  void open_aes128Content_throwsNamingContentAlgorithm() throws Exception {
    byte[] envelope = TestEnvelopes.build(SECRET, CMSAlgorithm.AES128_CBC,
        TestEnvelopes.oaep(recipient.getPublic(), TestEnvelopes.OAEP_SHA256));
    assertThatThrownBy(() -> open(envelope))
        .hasMessageContaining("contentEncryptionAlgorithm: is 2.16.840.1.101.3.4.1.2, not id-aes256-CBC");
  }

  @Test
  void open_contentTypeNotData_throws() throws Exception {
    byte[] envelope = TestEnvelopes.mutate(TestEnvelopes.kms(SECRET, recipient.getPublic()), e -> {
      EncryptedContentInfo content = e.getEncryptedContentInfo();
      return withContent(e, new EncryptedContentInfo(CMSObjectIdentifiers.signedData,
          content.getContentEncryptionAlgorithm(), content.getEncryptedContent()));
    });
    assertThatThrownBy(() -> open(envelope)).hasMessageContaining("EncryptedContentInfo.contentType: is 1.2.840.113549.1.7.2");
  }

  @Test
  void open_unprotectedAttributes_throws() throws Exception {
    byte[] envelope = TestEnvelopes.mutate(TestEnvelopes.kms(SECRET, recipient.getPublic()), e -> {
      ASN1EncodableVector attributes = new ASN1EncodableVector();
      attributes.add(new Attribute(new ASN1ObjectIdentifier("1.2.3.4"), new DERSet(new DEROctetString(new byte[1]))));
      return new EnvelopedData(null, e.getRecipientInfos(), e.getEncryptedContentInfo(),
          new AttributeTable(attributes).toASN1Structure());
    });
    assertThatThrownBy(() -> open(envelope)).hasMessageContaining("EnvelopedData.unprotectedAttrs: present");
  }

  @Test
  void open_notEnvelopedData_throws() throws Exception {
    byte[] data = new org.bouncycastle.asn1.cms.ContentInfo(CMSObjectIdentifiers.data, new DEROctetString(SECRET))
        .getEncoded("DER");
    assertThatThrownBy(() -> open(data)).hasMessageContaining("ContentInfo.contentType: is 1.2.840.113549.1.7.1");
  }

  @Test
  void open_garbageAndTrailingBytes_throw() throws Exception {
    assertThatThrownBy(() -> open(new byte[] {0x30, 0x03, 0x02})).hasMessageContaining("ContentInfo: not");
    byte[] envelope = TestEnvelopes.kms(SECRET, recipient.getPublic());
    byte[] trailing = java.util.Arrays.copyOf(envelope, envelope.length + 2);
    trailing[envelope.length] = 0x05;
    assertThatThrownBy(() -> open(trailing)).hasMessageContaining("ContentInfo: not exactly one BER object");
  }

  @Test
  void open_oversizeEnvelope_throwsBeforeParsing() {
    assertThatThrownBy(() -> open(new byte[RecipientEnvelope.MAX_ENVELOPE_BYTES + 1]))
        .hasMessage("CiphertextForRecipient ContentInfo: size 16385 bytes is outside 1..16384");
  }

  @Test
  void open_oversizeContent_throws() throws Exception {
    byte[] envelope = TestEnvelopes.kms(new byte[4112], recipient.getPublic());
    assertThatThrownBy(() -> open(envelope)).hasMessageContaining("encryptedContent: length 4128");
  }

  @Test
  void open_errorMessages_neverCarryThePlaintext() throws Exception {
    byte[] envelope = TestEnvelopes.kms(SECRET, other.getPublic());
    assertThatThrownBy(() -> open(envelope)).message().doesNotContain(new String(SECRET, StandardCharsets.US_ASCII));
  }

  private static EnvelopedData withContent(EnvelopedData e, EncryptedContentInfo content) {
    return new EnvelopedData(null, e.getRecipientInfos(), content, (org.bouncycastle.asn1.ASN1Set) null);
  }
}
