package dev.castellan.attestation;

import java.util.Objects;

/**
 * What the relying party expects to find in the evidence to know it is fresh: a nonce, an
 * exact REPORT_DATA value, or an explicit opt-out. There is no default: a caller that does
 * not check freshness says so with {@link #none()}, and the verdict records it.
 *
 * <p>Verifiers compare the whole value in constant time. A length different from the
 * platform's field (64 bytes for SEV-SNP and TDX REPORT_DATA) is an error: values are never
 * padded or truncated.
 */
public final class Freshness {
  /** Longest expected value accepted: Nitro allows 512-byte nonces; 4096 is a safe bound. */
  public static final int MAX_BYTES = 4096;

  /** Which field the expected value is compared with. */
  public enum Kind {
    /** No freshness check: the caller opted out explicitly. */
    NONE,
    /** The evidence's nonce: Nitro {@code nonce}, TPM {@code extraData}. */
    NONCE,
    /**
     * The evidence's report data: SEV-SNP and TDX {@code REPORT_DATA} (64 bytes exactly),
     * Nitro {@code user_data}.
     */
    REPORT_DATA
  }

  private static final Freshness NONE = new Freshness(Kind.NONE, ByteString.empty());

  private final Kind kind;
  private final ByteString expected;

  private Freshness(Kind kind, ByteString expected) {
    this.kind = kind;
    this.expected = expected;
  }

  /** Explicitly no freshness check; recorded as such in every result. */
  public static Freshness none() {
    return NONE;
  }

  /** The evidence's nonce must equal {@code nonce} exactly. */
  public static Freshness nonce(byte[] nonce) {
    return new Freshness(Kind.NONCE, checked(nonce));
  }

  /** The evidence's report data must equal {@code reportData} exactly (same length). */
  public static Freshness reportData(byte[] reportData) {
    return new Freshness(Kind.REPORT_DATA, checked(reportData));
  }

  private static ByteString checked(byte[] value) {
    Objects.requireNonNull(value, "value");
    if (value.length == 0 || value.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "expected freshness value must be 1.." + MAX_BYTES + " bytes, got " + value.length);
    }
    return ByteString.of(value);
  }

  public Kind kind() {
    return kind;
  }

  /** The expected value; empty for {@link Kind#NONE}. */
  public ByteString expected() {
    return expected;
  }

  @Override
  public String toString() {
    return kind == Kind.NONE ? "Freshness[none]" : "Freshness[" + kind + "=" + expected.hex() + "]";
  }
}
