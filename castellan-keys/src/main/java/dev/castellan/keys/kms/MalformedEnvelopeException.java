package dev.castellan.keys.kms;

/**
 * A {@code CiphertextForRecipient} is not the CMS EnvelopedData KMS sends, or does not open
 * with this recipient's key. {@link #structure()} names the part that failed (for example
 * {@code EnvelopedData.recipientInfos} or {@code KeyTransRecipientInfo.keyEncryptionAlgorithm}).
 */
public final class MalformedEnvelopeException extends KmsException {
  private static final long serialVersionUID = 1L;

  private final String structure;

  public MalformedEnvelopeException(String structure, String reason) {
    super("CiphertextForRecipient " + structure + ": " + reason);
    this.structure = structure;
  }

  /** The CMS structure or field that failed. */
  public String structure() {
    return structure;
  }
}
