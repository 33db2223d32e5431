package dev.castellan.keys.kms;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.function.UnaryOperator;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/**
 * Builds {@code CiphertextForRecipient}-shaped envelopes with BouncyCastle's CMS generator: the
 * independent builder the parser is tested against (and the fake KMS answers with).
 */
final class TestEnvelopes {
  static final BouncyCastleProvider BC = new BouncyCastleProvider();
  static final OAEPParameterSpec OAEP_SHA256 =
      new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
  static final OAEPParameterSpec OAEP_SHA1 =
      new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);

  private TestEnvelopes() {}

  /** What KMS sends: one RSAES-OAEP-SHA-256 recipient, AES-256-CBC content, DER. */
  static byte[] kms(byte[] plaintext, PublicKey recipient) throws Exception {
    return build(plaintext, CMSAlgorithm.AES256_CBC, oaep(recipient, OAEP_SHA256));
  }

  /** The same in BER with indefinite lengths, as KMS encodes it. */
  static byte[] kmsBer(byte[] plaintext, PublicKey recipient) throws Exception {
    CMSEnvelopedDataStreamGenerator generator = new CMSEnvelopedDataStreamGenerator();
    generator.addRecipientInfoGenerator(oaep(recipient, OAEP_SHA256));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream content = generator.open(out,
        new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(BC).build())) {
      content.write(plaintext);
    }
    return out.toByteArray();
  }

  static byte[] build(byte[] plaintext, ASN1ObjectIdentifier contentAlgorithm, RecipientInfoGenerator... recipients)
      throws Exception {
    CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
    for (RecipientInfoGenerator recipient : recipients) {
      generator.addRecipientInfoGenerator(recipient);
    }
    return generator.generate(new CMSProcessableByteArray(plaintext),
        new JceCMSContentEncryptorBuilder(contentAlgorithm).setProvider(BC).build()).getEncoded();
  }

  static RecipientInfoGenerator oaep(PublicKey recipient, OAEPParameterSpec spec) throws Exception {
    AlgorithmIdentifier algorithm =
        new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, spec);
    return new JceKeyTransRecipientInfoGenerator(new byte[] {1, 2, 3, 4}, algorithm, recipient).setProvider(BC);
  }

  /** RSAES-PKCS1-v1_5 key transport (the generator's default). */
  static RecipientInfoGenerator pkcs1(PublicKey recipient) {
    return new JceKeyTransRecipientInfoGenerator(new byte[] {1, 2, 3, 4}, recipient).setProvider(BC);
  }

  /** {@code envelope} with its EnvelopedData replaced by {@code change}'s result, DER. */
  static byte[] mutate(byte[] envelope, UnaryOperator<EnvelopedData> change) throws Exception {
    EnvelopedData enveloped = EnvelopedData.getInstance(ContentInfo.getInstance(envelope).getContent());
    return new ContentInfo(CMSObjectIdentifiers.envelopedData, change.apply(enveloped)).getEncoded("DER");
  }
}
