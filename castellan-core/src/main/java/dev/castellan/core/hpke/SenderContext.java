package dev.castellan.core.hpke;

import dev.castellan.core.internal.hpke.AeadContext;
import java.util.Objects;

/**
 * The sender's side of an HPKE context (RFC 9180 §5.2, §5.3): the encapsulated key to send, then
 * any number of {@link #seal} calls, each under the next nonce (base_nonce XOR seq), and secret
 * export. Safe for concurrent use: seal is serialised so no nonce is ever repeated. The recipient
 * MUST open the ciphertexts in the order they were sealed.
 */
public final class SenderContext {
  private final byte[] enc;
  private final AeadContext context;

  SenderContext(byte[] enc, AeadContext context) {
    this.enc = enc;
    this.context = context;
  }

  /** The encapsulated key {@code enc} the recipient needs to set up its context. */
  public byte[] enc() {
    return enc.clone();
  }

  /**
   * Seal(aad, pt): encrypts and authenticates {@code plaintext} and authenticates {@code aad}.
   *
   * @throws HpkeException when the context's message limit is reached
   */
  public byte[] seal(byte[] aad, byte[] plaintext) throws HpkeException {
    return context.seal(
        Objects.requireNonNull(aad, "aad"), Objects.requireNonNull(plaintext, "plaintext"));
  }

  /**
   * Export(exporter_context, L): a secret of {@code length} octets bound to this context.
   *
   * @throws HpkeException when {@code length} exceeds 255·Nh
   */
  public byte[] export(byte[] exporterContext, int length) throws HpkeException {
    return context.export(Objects.requireNonNull(exporterContext, "exporterContext"), length);
  }

  /** Test seam: the sequence number of the next seal. */
  void setSequenceNumber(long sequenceNumber) {
    context.setSequenceNumber(sequenceNumber);
  }
}
