package dev.castellan.authority.totp;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * Enrols operators: a fresh secret from the injected {@link SecureRandom}, sealed into the
 * {@link SealedTotpSecrets} store, and an {@link Enrolment} carrying its key URI (issuer and
 * the operator id as the account) and, if the encoder produces a symbol that fits {@code
 * maxColumns}, a terminal QR code. An operator already enrolled is refused: the URI of a
 * stored secret is never produced again.
 */
public final class TotpEnrolment {
  /** The narrowest terminal most consoles have. */
  public static final int DEFAULT_COLUMNS = 80;

  private final SealedTotpSecrets store;
  private final TotpParameters parameters;
  private final String issuer;
  private final SecureRandom random;
  private final QrEncoder qr;
  private final int maxColumns;

  public TotpEnrolment(
      SealedTotpSecrets store, TotpParameters parameters, String issuer, SecureRandom random, QrEncoder qr, int maxColumns) {
    this.store = Objects.requireNonNull(store, "store");
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    if (store.algorithm() != parameters.algorithm()) {
      throw new IllegalArgumentException(
          "the store holds " + store.algorithm() + " secrets but the parameters say " + parameters.algorithm());
    }
    this.issuer = KeyUri.requireLabel(issuer, "issuer");
    this.random = Objects.requireNonNull(random, "random");
    this.qr = Objects.requireNonNull(qr, "qr");
    if (maxColumns < 1) {
      throw new IllegalArgumentException("maxColumns must be positive");
    }
    this.maxColumns = maxColumns;
  }

  /**
   * Enrols {@code operatorId}.
   *
   * @throws TotpEnrolmentException if the operator is already enrolled
   */
  public Enrolment enrol(String operatorId) throws IOException, GeneralSecurityException {
    Identifiers.require(operatorId, "operator id");
    TotpSecret secret = store.enrol(operatorId, random);
    try {
      String uri = KeyUri.of(issuer, operatorId, secret, parameters);
      Optional<String> code = qr.encode(uri).flatMap(modules -> TerminalQr.render(modules, maxColumns, false));
      return new Enrolment(operatorId, uri, code);
    } finally {
      secret.destroy();
    }
  }
}
