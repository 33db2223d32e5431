package dev.castellan.core.hpke;

import dev.castellan.core.internal.hpke.AeadContext;
import java.util.Objects;

/**
 * The recipient's side of an HPKE context (RFC 9180 §5.2, §5.3): {@link #open} the sender's
 * ciphertexts in the order they were sealed, and export secrets. A ciphertext that fails to open
 * yields an {@link HpkeException} and no plaintext at all, and does not advance the sequence
 * number. Safe for concurrent use (open is serialised).
 */
public final class RecipientContext {
  private final AeadContext context;

  RecipientContext(AeadContext context) {
    this.context = context;
  }

  /**
   * Open(aad, ct): the plaintext when {@code ciphertext} and {@code aad} are authentic for the next
   * sequence number.
   *
   * @throws HpkeException when they are not, or the message limit is reached
   */
  public byte[] open(byte[] aad, byte[] ciphertext) throws HpkeException {
    return context.open(
        Objects.requireNonNull(aad, "aad"), Objects.requireNonNull(ciphertext, "ciphertext"));
  }

  /**
   * Export(exporter_context, L), equal to the sender's export for the same arguments.
   *
   * @throws HpkeException when {@code length} exceeds 255·Nh
   */
  public byte[] export(byte[] exporterContext, int length) throws HpkeException {
    return context.export(Objects.requireNonNull(exporterContext, "exporterContext"), length);
  }

  /** Test seam: the sequence number of the next open. */
  void setSequenceNumber(long sequenceNumber) {
    context.setSequenceNumber(sequenceNumber);
  }
}
