package dev.castellan.core.cwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The time, issuer and audience rules of {@link CwtValidator}. */
class CwtValidatorTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static CwtClaims.Builder valid() {
    return CwtClaims.builder().issuer("iss").audience("aud").expiration(NOW.plusSeconds(300)).issuedAt(NOW).notBefore(NOW);
  }

  private static String failingClaim(CwtValidator validator, CwtClaims claims) {
    try {
      validator.validate(claims);
    } catch (CwtException e) {
      return e.claim().orElse("?");
    }
    return "none";
  }

  @Test
  void validate_validToken_passes() throws Exception {
    CwtValidator.builder(CLOCK).requireIssuer("iss").requireAudience("aud").build().validate(valid().build());
  }

  @Test
  void validate_expiryBoundary_rejectedOnAndAfterExpPlusSkew() throws Exception {
    CwtValidator strict = CwtValidator.builder(CLOCK).clockSkew(Duration.ZERO).build();
    assertThat(failingClaim(strict, valid().expiration(NOW).build())).isEqualTo("exp");
    assertThat(failingClaim(strict, valid().expiration(NOW.plusNanos(1)).build())).isEqualTo("none");
    CwtValidator lenient = CwtValidator.builder(CLOCK).build();
    assertThat(failingClaim(lenient, valid().expiration(NOW.minusSeconds(59)).build())).isEqualTo("none");
    assertThat(failingClaim(lenient, valid().expiration(NOW.minusSeconds(60)).build())).isEqualTo("exp");
  }

  @Test
  void validate_missingExpiration_rejectedUnlessAllowed() throws Exception {
    CwtClaims noExp = CwtClaims.builder().issuer("iss").build();
    assertThatThrownBy(() -> CwtValidator.builder(CLOCK).build().validate(noExp)).hasMessage("claim exp: missing");
    CwtValidator.builder(CLOCK).allowMissingExpiration().build().validate(noExp);
  }

  @Test
  void validate_notBeforeAndIssuedAtInFuture_rejected() throws Exception {
    CwtValidator validator = CwtValidator.builder(CLOCK).build();
    assertThat(failingClaim(validator, valid().notBefore(NOW.plusSeconds(61)).build())).isEqualTo("nbf");
    assertThat(failingClaim(validator, valid().notBefore(NOW.plusSeconds(60)).build())).isEqualTo("none");
    assertThat(failingClaim(validator, valid().issuedAt(NOW.plusSeconds(61)).build())).isEqualTo("iat");
  }

  @Test
  void validate_issuerAndAudience_mustBePresentAndEqual() throws Exception {
    CwtValidator validator = CwtValidator.builder(CLOCK).requireIssuer("iss").requireAudience("aud").build();
    assertThat(failingClaim(validator, valid().issuer("ISS").build())).isEqualTo("iss");
    assertThat(failingClaim(validator, valid().audience("other").build())).isEqualTo("aud");
    CwtClaims noAudience = CwtClaims.builder().issuer("iss").expiration(NOW.plusSeconds(5)).build();
    assertThat(failingClaim(validator, noAudience)).isEqualTo("aud");
  }

  @Test
  void builder_skewOutOfBounds_rejected() {
    assertThatThrownBy(() -> CwtValidator.builder(CLOCK).clockSkew(Duration.ofMinutes(6))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CwtValidator.builder(CLOCK).clockSkew(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }
}
