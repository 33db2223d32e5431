package dev.castellan.tokens;

import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.tokens.internal.FieldException;
import dev.castellan.tokens.internal.Rfc3339;
import dev.castellan.tokens.internal.StrictMap;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The seed's {@code attest(subject_vm, subject_pubkey, action, expires)} statement, as carried
 * in a token's {@code att} claim: the fields of an {@code attestation} envelope body without its
 * {@code signature} (the token's own signature covers it). Text keys, RFC 3339 timestamps (see
 * docs/tokens.md). Immutable; arrays are copied in and out.
 */
public record AttestationClaim(
    String subjectVm, byte[] subjectPublicKey, String action, byte[] nonce, Instant issuedAt, Instant expiresAt) {
  /** Field bounds: names 1..256 characters, a public key up to 256 bytes, a nonce of 8..64 bytes. */
  static final int MAX_NAME = 256;
  static final int MAX_PUBLIC_KEY = 256;

  public AttestationClaim {
    Objects.requireNonNull(subjectVm, "subjectVm");
    subjectPublicKey = subjectPublicKey.clone();
    Objects.requireNonNull(action, "action");
    nonce = nonce.clone();
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public byte[] subjectPublicKey() {
    return subjectPublicKey.clone();
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  /** The map {@code {"subject_vm", "subject_pubkey", "action", "nonce", "issued_at", "expires_at"}}. */
  public CborMap toCbor() {
    return CborMap.builder()
        .put("subject_vm", subjectVm)
        .put("subject_pubkey", CborValue.of(subjectPublicKey))
        .put("action", action)
        .put("nonce", CborValue.of(nonce))
        .put("issued_at", Rfc3339.format(issuedAt))
        .put("expires_at", Rfc3339.format(expiresAt))
        .build();
  }

  /** Reads the map strictly: every field required, typed and bounded; no other field. */
  static AttestationClaim fromCbor(CborValue value, String name) throws FieldException {
    StrictMap map = StrictMap.of(value, name);
    AttestationClaim claim = new AttestationClaim(
        StrictMap.text(map.require(CborValue.of("subject_vm"), "subject_vm"), "subject_vm", MAX_NAME),
        StrictMap.bytes(map.require(CborValue.of("subject_pubkey"), "subject_pubkey"), "subject_pubkey", 1, MAX_PUBLIC_KEY),
        StrictMap.text(map.require(CborValue.of("action"), "action"), "action", MAX_NAME),
        StrictMap.bytes(map.require(CborValue.of("nonce"), "nonce"), "nonce", 8, 64),
        Rfc3339.parse(map.require(CborValue.of("issued_at"), "issued_at"), "issued_at"),
        Rfc3339.parse(map.require(CborValue.of("expires_at"), "expires_at"), "expires_at"));
    map.requireNoOtherFields(name);
    if (!claim.expiresAt.isAfter(claim.issuedAt)) {
      throw new FieldException("expires_at", FieldException.Problem.OUT_OF_RANGE, "must be after issued_at");
    }
    return claim;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttestationClaim other
        && subjectVm.equals(other.subjectVm) && Arrays.equals(subjectPublicKey, other.subjectPublicKey)
        && action.equals(other.action) && Arrays.equals(nonce, other.nonce)
        && issuedAt.equals(other.issuedAt) && expiresAt.equals(other.expiresAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(subjectVm, Arrays.hashCode(subjectPublicKey), action, Arrays.hashCode(nonce), issuedAt, expiresAt);
  }

  @Override
  public String toString() {
    return "AttestationClaim[subject_vm=" + subjectVm + ", action=" + action + ", expires_at=" + expiresAt + "]";
  }
}
