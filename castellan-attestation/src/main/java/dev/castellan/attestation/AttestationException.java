package dev.castellan.attestation;

import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.Optional;

/**
 * Evidence was rejected. Names exactly which check failed ({@link #check()}, the same name as
 * in {@link Check}) and, where it makes sense, what was expected and what was found.
 *
 * <p>Contract: verifiers MUST throw a subclass of this type, and nothing else, for any input
 * they reject (library runtime exceptions are wrapped). Messages are in {@code Locale.ROOT},
 * MUST NOT contain secrets, and carry evidence-derived text only hex-encoded or escaped
 * through {@link SafeText}.
 */
public abstract sealed class AttestationException extends GeneralSecurityException
    permits MalformedEvidenceException,
        SignatureInvalidException,
        CertificateChainException,
        BindingException,
        FreshnessException,
        PolicyException,
        CollateralException,
        DeviceUnavailableException {
  private static final long serialVersionUID = 1L;

  private final String check;
  private final String expected;
  private final String actual;

  protected AttestationException(
      String check, String message, String expected, String actual, Throwable cause) {
    super(compose(check, message, expected, actual), cause);
    this.check = Objects.requireNonNull(check, "check");
    this.expected = expected;
    this.actual = actual;
  }

  private static String compose(String check, String message, String expected, String actual) {
    StringBuilder text = new StringBuilder(check).append(": ").append(message);
    if (expected != null) {
      text.append(" (expected ").append(expected);
      text.append(actual != null ? ", got " + actual + ")" : ")");
    } else if (actual != null) {
      text.append(" (got ").append(actual).append(')');
    }
    return text.toString();
  }

  /** The name of the failed check, e.g. {@code snp.signature}. */
  public String check() {
    return check;
  }

  /** What the check required, if it compares values (already hex or escaped). */
  public Optional<String> expected() {
    return Optional.ofNullable(expected);
  }

  /** What the evidence had, if it compares values (already hex or escaped). */
  public Optional<String> actual() {
    return Optional.ofNullable(actual);
  }
}
