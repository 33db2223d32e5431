package dev.castellan.core.cwt;

import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborBytes;
import dev.castellan.core.cbor.CborException;
import dev.castellan.core.cbor.CborFloat;
import dev.castellan.core.cbor.CborInteger;
import dev.castellan.core.cbor.CborLimits;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborText;
import dev.castellan.core.cbor.CborValue;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The claims set of a CBOR Web Token (RFC 8392 §3): the registered claims {@code iss} (1),
 * {@code sub} (2), {@code aud} (3), {@code exp} (4), {@code nbf} (5), {@code iat} (6), {@code
 * cti} (7), and every other claim kept as a CBOR value. Immutable.
 *
 * <p>Decoding MUST reject a claims set that is not a map, has a key that is neither an integer
 * nor a text string, repeats a key, or gives a registered claim the wrong type: {@code iss},
 * {@code sub} and {@code aud} are text strings (RFC 8392 StringOrURI, a single value), {@code
 * cti} a byte string, and the dates NumericDate (§2): an integer or a finite float of seconds
 * since the epoch (float as in RFC 8392 A.7). Encoding writes integer seconds when an instant
 * has no fraction and a float otherwise.
 */
public final class CwtClaims {
  public static final long ISSUER = 1;
  public static final long SUBJECT = 2;
  public static final long AUDIENCE = 3;
  public static final long EXPIRATION = 4;
  public static final long NOT_BEFORE = 5;
  public static final long ISSUED_AT = 6;
  public static final long CWT_ID = 7;

  /** A claims set is a flat map; private claims may nest a little. */
  private static final int MAX_DEPTH = 16;

  private final String issuer;
  private final String subject;
  private final String audience;
  private final Instant expiration;
  private final Instant notBefore;
  private final Instant issuedAt;
  private final byte[] cwtId;
  private final CborMap otherClaims;

  private CwtClaims(Builder b) {
    this.issuer = b.issuer;
    this.subject = b.subject;
    this.audience = b.audience;
    this.expiration = b.expiration;
    this.notBefore = b.notBefore;
    this.issuedAt = b.issuedAt;
    this.cwtId = b.cwtId;
    this.otherClaims = b.other.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Decodes a claims set from its CBOR encoding: any well-formed encoding, at most {@code
   * maxBytes} bytes, nested at most {@value #MAX_DEPTH} levels.
   */
  public static CwtClaims decode(byte[] encoded, int maxBytes) throws CwtException {
    try {
      return fromCbor(Cbor.decode(encoded, CborLimits.WELL_FORMED.withMaxInputBytes(maxBytes).withMaxDepth(MAX_DEPTH)));
    } catch (CborException e) {
      throw new CwtException("malformed claims set: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new CwtException("malformed claims set", e);
    }
  }

  /** Reads a decoded claims map. */
  public static CwtClaims fromCbor(CborValue value) throws CwtException {
    if (!(value instanceof CborMap map)) {
      throw new CwtException("claims set must be a map");
    }
    Builder b = builder();
    for (Map.Entry<CborValue, CborValue> entry : map.entries()) {
      CborValue key = entry.getKey();
      CborValue claim = entry.getValue();
      if (!(key instanceof CborText) && !(key instanceof CborInteger integer && integer.fitsLong())) {
        throw new CwtException("claim key must be an integer or a text string");
      }
      switch (registeredLabel(key)) {
        case 1 -> b.issuer = text("iss", claim);
        case 2 -> b.subject = text("sub", claim);
        case 3 -> b.audience = text("aud", claim);
        case 4 -> b.expiration = numericDate("exp", claim);
        case 5 -> b.notBefore = numericDate("nbf", claim);
        case 6 -> b.issuedAt = numericDate("iat", claim);
        case 7 -> b.cwtId = bytes("cti", claim);
        default -> b.other.put(key, claim);
      }
    }
    return b.build();
  }

  /** The claims map (registered claims first, then the others). */
  public CborMap toCbor() {
    CborMap.Builder map = CborMap.builder();
    if (issuer != null) map.put(ISSUER, CborValue.of(issuer));
    if (subject != null) map.put(SUBJECT, CborValue.of(subject));
    if (audience != null) map.put(AUDIENCE, CborValue.of(audience));
    if (expiration != null) map.put(EXPIRATION, numericDate(expiration));
    if (notBefore != null) map.put(NOT_BEFORE, numericDate(notBefore));
    if (issuedAt != null) map.put(ISSUED_AT, numericDate(issuedAt));
    if (cwtId != null) map.put(CWT_ID, CborValue.of(cwtId));
    otherClaims.entries().forEach(e -> map.put(e.getKey(), e.getValue()));
    return map.build();
  }

  /** The deterministic encoding of {@link #toCbor()}. */
  public byte[] encode() {
    return Cbor.encode(toCbor());
  }

  public Optional<String> issuer() {
    return Optional.ofNullable(issuer);
  }

  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  public Optional<String> audience() {
    return Optional.ofNullable(audience);
  }

  public Optional<Instant> expiration() {
    return Optional.ofNullable(expiration);
  }

  public Optional<Instant> notBefore() {
    return Optional.ofNullable(notBefore);
  }

  public Optional<Instant> issuedAt() {
    return Optional.ofNullable(issuedAt);
  }

  /** A copy of {@code cti}. */
  public Optional<byte[]> cwtId() {
    return cwtId == null ? Optional.empty() : Optional.of(cwtId.clone());
  }

  /** Every claim other than the seven registered ones, keyed as received. */
  public CborMap otherClaims() {
    return otherClaims;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CwtClaims other && other.toCbor().equals(toCbor());
  }

  @Override
  public int hashCode() {
    return toCbor().hashCode();
  }

  /** Claim values are not secret, but tokens can be bearer credentials: print only the shape. */
  @Override
  public String toString() {
    return "CwtClaims[iss=" + issuer + ", sub=" + subject + ", aud=" + audience + ", exp=" + expiration
        + ", nbf=" + notBefore + ", iat=" + issuedAt + ", cti=" + (cwtId == null ? "-" : cwtId.length + " bytes")
        + ", other=" + otherClaims.size() + "]";
  }

  /** The registered claim label 1..7 that {@code key} is, or 0 for any other key. */
  private static int registeredLabel(CborValue key) {
    if (key instanceof CborInteger integer && !integer.isNegative() && integer.argument() >= ISSUER && integer.argument() <= CWT_ID) {
      return (int) integer.argument();
    }
    return 0;
  }

  private static String text(String name, CborValue value) throws CwtException {
    if (!(value instanceof CborText text)) {
      throw CwtException.forClaim(name, "must be a text string");
    }
    return text.value();
  }

  private static byte[] bytes(String name, CborValue value) throws CwtException {
    if (!(value instanceof CborBytes bytes)) {
      throw CwtException.forClaim(name, "must be a byte string");
    }
    return bytes.bytes();
  }

  private static Instant numericDate(String name, CborValue value) throws CwtException {
    try {
      if (value instanceof CborInteger integer && integer.fitsLong()) {
        return Instant.ofEpochSecond(integer.asLong());
      }
      if (value instanceof CborFloat number && Double.isFinite(number.value())) {
        double seconds = Math.floor(number.value());
        long nanos = Math.round((number.value() - seconds) * 1e9);
        return Instant.ofEpochSecond((long) seconds, nanos);
      }
    } catch (CborException | DateTimeException | ArithmeticException e) {
      throw CwtException.forClaim(name, "NumericDate out of range");
    }
    throw CwtException.forClaim(name, "must be a NumericDate (integer or finite float)");
  }

  private static CborValue numericDate(Instant instant) {
    if (instant.getNano() == 0) {
      return CborValue.of(instant.getEpochSecond());
    }
    return CborValue.of(instant.getEpochSecond() + instant.getNano() / 1e9);
  }

  /** Collects claims; registered claims have typed setters, the rest go through {@link #claim}. */
  public static final class Builder {
    private String issuer;
    private String subject;
    private String audience;
    private Instant expiration;
    private Instant notBefore;
    private Instant issuedAt;
    private byte[] cwtId;
    private final CborMap.Builder other = CborMap.builder();

    private Builder() {}

    public Builder issuer(String value) {
      this.issuer = Objects.requireNonNull(value);
      return this;
    }

    public Builder subject(String value) {
      this.subject = Objects.requireNonNull(value);
      return this;
    }

    public Builder audience(String value) {
      this.audience = Objects.requireNonNull(value);
      return this;
    }

    public Builder expiration(Instant value) {
      this.expiration = Objects.requireNonNull(value);
      return this;
    }

    public Builder notBefore(Instant value) {
      this.notBefore = Objects.requireNonNull(value);
      return this;
    }

    public Builder issuedAt(Instant value) {
      this.issuedAt = Objects.requireNonNull(value);
      return this;
    }

    public Builder cwtId(byte[] value) {
      this.cwtId = value.clone();
      return this;
    }

    /**
     * Adds a claim that is not one of the seven registered ones.
     *
     * @throws IllegalArgumentException for a registered label (use its setter) or a key that is
     *     neither an integer nor a text string
     */
    public Builder claim(CborValue key, CborValue value) {
      if (registeredLabel(key) != 0 || !(key instanceof CborText || key instanceof CborInteger integer && integer.fitsLong())) {
        throw new IllegalArgumentException("use the typed setter for registered claims; keys are int or tstr");
      }
      other.put(key, Objects.requireNonNull(value));
      return this;
    }

    /**
     * @throws CwtException if a claim key repeats
     */
    public CwtClaims build() throws CwtException {
      try {
        return new CwtClaims(this);
      } catch (IllegalArgumentException e) {
        throw new CwtException("duplicate claim key", e);
      }
    }
  }
}
