package dev.castellan.core.cwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Encoding and strict decoding of {@link CwtClaims}. */
class CwtClaimsTest {
  private static CwtException decodeError(CborMap map) {
    try {
      CwtClaims.decode(Cbor.encode(map), 1024);
    } catch (CwtException e) {
      return e;
    }
    throw new AssertionError("decode accepted an invalid claims set");
  }

  @Test
  void roundTrip_registeredAndPrivateClaims_equal() throws Exception {
    CwtClaims claims =
        CwtClaims.builder()
            .issuer("castellan")
            .expiration(Instant.ofEpochSecond(2_000_000_000L))
            .issuedAt(Instant.ofEpochSecond(1_999_999_000L, 250_000_000))
            .claim(CborValue.of(-65537), CborValue.of("scope:sign"))
            .claim(CborValue.of("role"), CborValue.array(CborValue.of("admin")))
            .build();
    CwtClaims decoded = CwtClaims.decode(claims.encode(), 1024);
    assertThat(decoded).isEqualTo(claims);
    assertThat(decoded.issuedAt()).contains(Instant.ofEpochSecond(1_999_999_000L, 250_000_000));
    assertThat(decoded.otherClaims().get(-65537)).isEqualTo(CborValue.of("scope:sign"));
    assertThat(decoded.subject()).isEmpty();
  }

  @Test
  void decode_wrongTypes_throwNamingClaim() {
    assertThat(decodeError(CborMap.builder().put(1, CborValue.of(5)).build()).claim()).contains("iss");
    assertThat(decodeError(CborMap.builder().put(3, CborValue.array(CborValue.of("a"))).build()).claim()).contains("aud");
    assertThat(decodeError(CborMap.builder().put(4, CborValue.of("tomorrow")).build()).claim()).contains("exp");
    assertThat(decodeError(CborMap.builder().put(5, CborValue.of(Double.NaN)).build()).claim()).contains("nbf");
    assertThat(decodeError(CborMap.builder().put(6, CborValue.of(Double.POSITIVE_INFINITY)).build()).claim()).contains("iat");
    assertThat(decodeError(CborMap.builder().put(7, CborValue.of("id")).build()).claim()).contains("cti");
    assertThat(decodeError(CborMap.builder().put(4, CborValue.of(Long.MAX_VALUE)).build()).claim()).contains("exp");
  }

  @Test
  void decode_notAMapOrBadKey_throws() {
    assertThatThrownBy(() -> CwtClaims.decode(Cbor.encode(CborValue.array()), 1024)).isInstanceOf(CwtException.class);
    assertThat(decodeError(CborMap.builder().put(CborValue.of(new byte[] {1}), CborValue.of(1)).build()).claim()).isEmpty();
    assertThatThrownBy(() -> CwtClaims.decode(new byte[] {(byte) 0xa1, 0x01}, 1024)).isInstanceOf(CwtException.class);
    assertThatThrownBy(() -> CwtClaims.decode(new byte[2048], 1024)).isInstanceOf(CwtException.class);
  }

  @Test
  void builder_registeredLabelAsPrivateClaim_rejected() {
    assertThatThrownBy(() -> CwtClaims.builder().claim(CborValue.of(4), CborValue.of(1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_doesNotPrintCtiBytes() throws Exception {
    CwtClaims claims = CwtClaims.builder().cwtId(new byte[] {0x0b, 0x71}).build();
    assertThat(claims.toString()).contains("cti=2 bytes").doesNotContain("0b71");
  }
}
