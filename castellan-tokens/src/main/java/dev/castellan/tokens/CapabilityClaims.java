package dev.castellan.tokens;

import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborArray;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborText;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.tokens.internal.FieldException;
import dev.castellan.tokens.internal.FieldException.Problem;
import dev.castellan.tokens.internal.StrictMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The claims set of a capability token (RFC 8392 §3), every claim typed and bounded as in
 * docs/tokens.md. The keys are IANA "CBOR Web Token (CWT) Claims" keys where one is registered
 * and a private-use key (below -65536) otherwise. Immutable; built only through {@link Builder},
 * which applies the same rules as decoding, so an encoded claims set always decodes again.
 *
 * <p>Decoding MUST refuse: a missing required claim, a claim of the wrong type or out of its
 * bounds, and any claim key not listed here (unknown claims are refused, not ignored: a claim a
 * verifier does not understand could restrict the capability).
 */
public final class CapabilityClaims {
  /** {@code iss} (RFC 8392): text, the authority's name. */
  public static final long ISSUER = 1;
  /** {@code sub} (RFC 8392): text, the VM or operator the capability is for. */
  public static final long SUBJECT = 2;
  /** {@code aud} (RFC 8392): text, or an array of 2..16 distinct texts. */
  public static final long AUDIENCE = 3;
  /** {@code exp} (RFC 8392): unsigned integer seconds since the epoch. */
  public static final long EXPIRATION = 4;
  /** {@code nbf} (RFC 8392): optional, unsigned integer seconds. */
  public static final long NOT_BEFORE = 5;
  /** {@code iat} (RFC 8392): unsigned integer seconds. */
  public static final long ISSUED_AT = 6;
  /** {@code cti} (RFC 8392): 16..64 bytes, the seed's {@code jti}. */
  public static final long TOKEN_ID = 7;
  /** {@code scope} (RFC 9200 §5.8.1, registered as 9): text, space-separated scope tokens. */
  public static final long SCOPE = 9;
  /** {@code eat_nonce} (RFC 9711 §4.1, registered as 10): 8..64 bytes, the requester's nonce. */
  public static final long NONCE = 10;
  /** Private use (RFC 8392 §9.1, below -65536): the seed's {@code att}, an {@link AttestationClaim} map. */
  public static final long ATTESTATION = -65537;

  static final int MAX_NAME = 256;
  static final int MAX_AUDIENCES = 16;
  static final int MAX_SCOPES = 32;
  static final int MAX_SCOPE_TOKEN = 128;
  /** 9999-12-31T23:59:59Z: NumericDate values beyond it are refused. */
  static final long MAX_SECONDS = 253_402_300_799L;

  private final String issuer;
  private final String subject;
  private final List<String> audience;
  private final Instant issuedAt;
  private final Instant expiresAt;
  private final Instant notBefore;
  private final byte[] tokenId;
  private final List<String> scope;
  private final byte[] nonce;
  private final AttestationClaim attestation;
  private final CborMap cbor;

  private CapabilityClaims(StrictMap map) throws FieldException {
    issuer = StrictMap.text(map.require(CborValue.of(ISSUER), "iss"), "iss", MAX_NAME);
    subject = StrictMap.text(map.require(CborValue.of(SUBJECT), "sub"), "sub", MAX_NAME);
    audience = audience(map.require(CborValue.of(AUDIENCE), "aud"));
    issuedAt = seconds(map.require(CborValue.of(ISSUED_AT), "iat"), "iat");
    expiresAt = seconds(map.require(CborValue.of(EXPIRATION), "exp"), "exp");
    CborValue nbf = map.optional(CborValue.of(NOT_BEFORE));
    notBefore = nbf == null ? null : seconds(nbf, "nbf");
    tokenId = StrictMap.bytes(map.require(CborValue.of(TOKEN_ID), "cti"), "cti", 16, 64);
    scope = ScopeText.parse(map.require(CborValue.of(SCOPE), "scope"), MAX_SCOPES, MAX_SCOPE_TOKEN);
    nonce = StrictMap.bytes(map.require(CborValue.of(NONCE), "eat_nonce"), "eat_nonce", 8, 64);
    CborValue att = map.optional(CborValue.of(ATTESTATION));
    attestation = att == null ? null : AttestationClaim.fromCbor(att, "att");
    map.requireNoOtherFields("claims");
    if (!expiresAt.isAfter(issuedAt)) {
      throw new FieldException("exp", Problem.OUT_OF_RANGE, "must be after iat");
    }
    if (notBefore != null && (notBefore.isBefore(issuedAt) || !notBefore.isBefore(expiresAt))) {
      throw new FieldException("nbf", Problem.OUT_OF_RANGE, "must be in [iat, exp)");
    }
    cbor = toCbor(this);
  }

  /**
   * Reads a decoded claims map strictly.
   *
   * @throws TokenException with {@link TokenException.Rule#MALFORMED} naming the claim
   */
  public static CapabilityClaims fromCbor(CborValue value) throws TokenException {
    try {
      return new CapabilityClaims(StrictMap.of(value, "claims"));
    } catch (FieldException e) {
      throw new TokenException(TokenException.Rule.MALFORMED, "claim " + e.getMessage());
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  private static List<String> audience(CborValue value) throws FieldException {
    if (value instanceof CborText) {
      return List.of(StrictMap.text(value, "aud", MAX_NAME));
    }
    List<String> out = new ArrayList<>();
    for (CborValue item : StrictMap.array(value, "aud", 2, MAX_AUDIENCES)) {
      out.add(StrictMap.text(item, "aud", MAX_NAME));
    }
    if (new HashSet<>(out).size() != out.size()) {
      throw new FieldException("aud", Problem.OUT_OF_RANGE, "duplicate audience");
    }
    return List.copyOf(out);
  }

  private static Instant seconds(CborValue value, String name) throws FieldException {
    return Instant.ofEpochSecond(StrictMap.unsigned(value, name, 0, MAX_SECONDS));
  }

  private static CborMap toCbor(CapabilityClaims c) {
    CborMap.Builder map = CborMap.builder()
        .put(ISSUER, CborValue.of(c.issuer))
        .put(SUBJECT, CborValue.of(c.subject))
        .put(AUDIENCE, c.audience.size() == 1
            ? CborValue.of(c.audience.getFirst())
            : new CborArray(c.audience.stream().map(a -> (CborValue) CborValue.of(a)).toList()))
        .put(EXPIRATION, CborValue.of(c.expiresAt.getEpochSecond()))
        .put(ISSUED_AT, CborValue.of(c.issuedAt.getEpochSecond()))
        .put(TOKEN_ID, CborValue.of(c.tokenId))
        .put(SCOPE, CborValue.of(String.join(" ", c.scope)))
        .put(NONCE, CborValue.of(c.nonce));
    if (c.notBefore != null) {
      map.put(NOT_BEFORE, CborValue.of(c.notBefore.getEpochSecond()));
    }
    if (c.attestation != null) {
      map.put(ATTESTATION, c.attestation.toCbor());
    }
    return map.build();
  }

  /** The claims map. */
  public CborMap toCbor() {
    return cbor;
  }

  /** The deterministic encoding (RFC 8949 §4.2.1): the COSE payload. */
  public byte[] encode() {
    return Cbor.encode(cbor);
  }

  public String issuer() { return issuer; }

  public String subject() { return subject; }

  /** One or more audiences, in the order issued. */
  public List<String> audience() { return audience; }

  public Instant issuedAt() { return issuedAt; }

  public Instant expiresAt() { return expiresAt; }

  public Optional<Instant> notBefore() { return Optional.ofNullable(notBefore); }

  /** A copy of {@code cti}. */
  public byte[] tokenId() { return tokenId.clone(); }

  /** The scope tokens, in the order issued. */
  public List<String> scope() { return scope; }

  /** A copy of the requester's nonce ({@code eat_nonce}). */
  public byte[] nonce() { return nonce.clone(); }

  public Optional<AttestationClaim> attestation() { return Optional.ofNullable(attestation); }

  @Override
  public boolean equals(Object o) {
    return o instanceof CapabilityClaims other && other.cbor.equals(cbor);
  }

  @Override
  public int hashCode() {
    return cbor.hashCode();
  }

  /** The shape only: a token id and nonce identify a bearer credential. */
  @Override
  public String toString() {
    return "CapabilityClaims[iss=" + issuer + ", sub=" + subject + ", aud=" + audience + ", scope=" + scope
        + ", iat=" + issuedAt + ", exp=" + expiresAt + "]";
  }

  /** Collects claims; {@link #build()} applies the decoding rules. */
  public static final class Builder {
    private final Map<Long, CborValue> map = new LinkedHashMap<>();
    private final List<CborValue> audiences = new ArrayList<>();

    private Builder() {}

    public Builder issuer(String value) { return put(ISSUER, CborValue.of(value)); }

    public Builder subject(String value) { return put(SUBJECT, CborValue.of(value)); }

    /** Adds an audience; one audience encodes as text, several as an array. */
    public Builder audience(String value) { audiences.add(CborValue.of(value)); return this; }

    public Builder issuedAt(Instant value) { return put(ISSUED_AT, CborValue.of(value.getEpochSecond())); }

    public Builder expiresAt(Instant value) { return put(EXPIRATION, CborValue.of(value.getEpochSecond())); }

    public Builder notBefore(Instant value) { return put(NOT_BEFORE, CborValue.of(value.getEpochSecond())); }

    public Builder tokenId(byte[] value) { return put(TOKEN_ID, CborValue.of(value)); }

    /** The scope tokens; none may be empty or contain a space (the claim joins them with spaces). */
    public Builder scope(List<String> value) {
      if (value.stream().anyMatch(token -> token.isEmpty() || token.indexOf(' ') >= 0)) {
        throw new IllegalArgumentException("claim scope: a scope token is empty or contains a space");
      }
      return put(SCOPE, CborValue.of(String.join(" ", value)));
    }

    public Builder nonce(byte[] value) { return put(NONCE, CborValue.of(value)); }

    public Builder attestation(AttestationClaim value) { return put(ATTESTATION, value.toCbor()); }

    /** Setting a claim again replaces it. */
    private Builder put(long key, CborValue value) {
      map.put(key, Objects.requireNonNull(value));
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first claim that breaks a rule (instants are
     *     truncated to whole seconds first)
     */
    public CapabilityClaims build() {
      if (audiences.size() == 1) {
        map.put(AUDIENCE, audiences.getFirst());
      } else if (!audiences.isEmpty()) {
        map.put(AUDIENCE, new CborArray(audiences));
      }
      CborMap.Builder claims = CborMap.builder();
      map.forEach(claims::put);
      try {
        return new CapabilityClaims(StrictMap.of(claims.build(), "claims"));
      } catch (FieldException e) {
        throw new IllegalArgumentException("claim " + e.getMessage());
      }
    }
  }
}
