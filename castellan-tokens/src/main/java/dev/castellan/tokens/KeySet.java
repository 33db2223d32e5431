package dev.castellan.tokens;

import dev.castellan.core.cbor.CborArray;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.tokens.TokenException.Rule;
import dev.castellan.tokens.internal.FieldException;
import dev.castellan.tokens.internal.StrictMap;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The verifier's view of the authority's keys (docs/tokens.md, "Key sets"): an issuer name, a
 * monotonic version, the key that signs now ({@link #activeKeyId()}) and up to {@value
 * #MAX_KEYS} keys, each with its validity. Immutable. The signed form and the rotation rules are
 * in {@link KeySetDocument}.
 */
public final class KeySet {
  /** At most this many keys: the active one and a few previous ones inside their overlap. */
  public static final int MAX_KEYS = 8;

  /**
   * One key and its validity: usable from {@code notBefore}; until {@code notAfter} when
   * present (every key but the active one MUST have it).
   */
  public record Entry(AuthorityPublicKey key, Instant notBefore, Optional<Instant> notAfter) {
    public Entry {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(notBefore, "notBefore");
      Objects.requireNonNull(notAfter, "notAfter");
    }

    public KeyId keyId() {
      return key.keyId();
    }
  }

  private final String issuer;
  private final long version;
  private final Instant issuedAt;
  private final KeyId activeKeyId;
  private final List<Entry> entries;

  private KeySet(String issuer, long version, Instant issuedAt, KeyId activeKeyId, List<Entry> entries) {
    this.issuer = issuer;
    this.version = version;
    this.issuedAt = issuedAt;
    this.activeKeyId = activeKeyId;
    this.entries = List.copyOf(entries);
  }

  /**
   * A key set, checked as {@link KeySetDocument} checks a decoded one.
   *
   * @throws IllegalArgumentException if a rule of docs/tokens.md is broken
   */
  public static KeySet of(String issuer, long version, Instant issuedAt, KeyId activeKeyId, List<Entry> entries) {
    KeySet set = new KeySet(issuer, version, issuedAt, activeKeyId, entries);
    try {
      return fromCbor(set.toCbor());
    } catch (FieldException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  public String issuer() { return issuer; }

  public long version() { return version; }

  public Instant issuedAt() { return issuedAt; }

  public KeyId activeKeyId() { return activeKeyId; }

  public List<Entry> entries() { return entries; }

  public Optional<Entry> entry(KeyId keyId) {
    return entries.stream().filter(e -> e.keyId().equals(keyId)).findFirst();
  }

  public Entry activeEntry() {
    return entry(activeKeyId).orElseThrow();
  }

  /**
   * The key {@code keyId} if a signature made at {@code signedAt} may be accepted at {@code now}:
   * the key is known; {@code now + skew >= notBefore}; {@code now < notAfter}; a key other than
   * the active one only while {@code now < active.notBefore + maxOverlap}; and {@code signedAt}
   * lies in {@code [notBefore - skew, notAfter)}.
   *
   * @throws TokenException {@link Rule#UNKNOWN_KEY_ID} or {@link Rule#KEY_NOT_VALID}
   */
  public AuthorityPublicKey usableKey(KeyId keyId, Instant signedAt, Instant now, Duration skew, Duration maxOverlap)
      throws TokenException {
    Entry entry = entry(keyId).orElseThrow(() -> new TokenException(Rule.UNKNOWN_KEY_ID, "kid " + keyId + " is not in key set version " + version));
    if (now.plus(skew).isBefore(entry.notBefore())) {
      throw new TokenException(Rule.KEY_NOT_VALID, "key " + keyId + " is not valid yet");
    }
    if (entry.notAfter().isPresent() && !now.isBefore(entry.notAfter().get())) {
      throw new TokenException(Rule.KEY_NOT_VALID, "key " + keyId + " is retired");
    }
    if (!keyId.equals(activeKeyId) && !now.isBefore(activeEntry().notBefore().plus(maxOverlap))) {
      throw new TokenException(Rule.KEY_NOT_VALID, "previous key " + keyId + " is past the overlap of " + maxOverlap);
    }
    if (signedAt.isBefore(entry.notBefore().minus(skew))
        || (entry.notAfter().isPresent() && !signedAt.isBefore(entry.notAfter().get()))) {
      throw new TokenException(Rule.KEY_NOT_VALID, "signed outside the validity of key " + keyId);
    }
    return entry.key();
  }

  /** The payload map (docs/tokens.md). */
  CborMap toCbor() {
    List<CborValue> keys = new ArrayList<>();
    for (Entry e : entries) {
      CborMap.Builder key = CborMap.builder()
          .put("kid", CborValue.of(e.keyId().toBytes()))
          .put("cose_key", e.key().toCoseKey())
          .put("not_before", e.notBefore().getEpochSecond());
      e.notAfter().ifPresent(t -> key.put("not_after", t.getEpochSecond()));
      keys.add(key.build());
    }
    return CborMap.builder()
        .put("issuer", issuer)
        .put("version", version)
        .put("issued_at", issuedAt.getEpochSecond())
        .put("active", CborValue.of(activeKeyId.toBytes()))
        .put("keys", new CborArray(keys))
        .build();
  }

  static KeySet fromCbor(CborValue value) throws FieldException {
    StrictMap map = StrictMap.of(value, "key set");
    String issuer = StrictMap.text(map.require(CborValue.of("issuer"), "issuer"), "issuer", CapabilityClaims.MAX_NAME);
    long version = StrictMap.unsigned(map.require(CborValue.of("version"), "version"), "version", 1, Long.MAX_VALUE);
    Instant issuedAt = seconds(map.require(CborValue.of("issued_at"), "issued_at"), "issued_at");
    KeyId active = KeyId.of(StrictMap.bytes(map.require(CborValue.of("active"), "active"), "active", KeyId.LENGTH, KeyId.LENGTH));
    List<Entry> entries = new ArrayList<>();
    Set<KeyId> seen = new HashSet<>();
    for (CborValue item : StrictMap.array(map.require(CborValue.of("keys"), "keys"), "keys", 1, MAX_KEYS)) {
      Entry entry = entry(item);
      if (!seen.add(entry.keyId())) {
        throw new FieldException("keys", FieldException.Problem.OUT_OF_RANGE, "duplicate kid");
      }
      if (!entry.keyId().equals(active) && entry.notAfter().isEmpty()) {
        throw new FieldException("not_after", FieldException.Problem.MISSING, "required for every key but the active one");
      }
      entries.add(entry);
    }
    map.requireNoOtherFields("key set");
    if (!seen.contains(active)) {
      throw new FieldException("active", FieldException.Problem.OUT_OF_RANGE, "names no key of the set");
    }
    return new KeySet(issuer, version, issuedAt, active, entries);
  }

  private static Entry entry(CborValue item) throws FieldException {
    StrictMap key = StrictMap.of(item, "keys[]");
    byte[] kid = StrictMap.bytes(key.require(CborValue.of("kid"), "kid"), "kid", KeyId.LENGTH, KeyId.LENGTH);
    AuthorityPublicKey publicKey;
    try {
      publicKey = AuthorityPublicKey.fromCoseKey(key.require(CborValue.of("cose_key"), "cose_key"));
    } catch (InvalidKeyException e) {
      throw new FieldException("cose_key", FieldException.Problem.OUT_OF_RANGE, e.getMessage());
    }
    if (!publicKey.keyId().equals(KeyId.of(kid))) {
      throw new FieldException("kid", FieldException.Problem.OUT_OF_RANGE, "is not the RFC 9679 thumbprint of cose_key");
    }
    Instant notBefore = seconds(key.require(CborValue.of("not_before"), "not_before"), "not_before");
    CborValue until = key.optional(CborValue.of("not_after"));
    Optional<Instant> notAfter = until == null ? Optional.empty() : Optional.of(seconds(until, "not_after"));
    key.requireNoOtherFields("keys[]");
    if (notAfter.isPresent() && !notAfter.get().isAfter(notBefore)) {
      throw new FieldException("not_after", FieldException.Problem.OUT_OF_RANGE, "must be after not_before");
    }
    return new Entry(publicKey, notBefore, notAfter);
  }

  static Instant seconds(CborValue value, String name) throws FieldException {
    return Instant.ofEpochSecond(StrictMap.unsigned(value, name, 0, CapabilityClaims.MAX_SECONDS));
  }

  @Override
  public String toString() {
    return "KeySet[issuer=" + issuer + ", version=" + version + ", active=" + activeKeyId + ", keys=" + entries.size() + "]";
  }
}
