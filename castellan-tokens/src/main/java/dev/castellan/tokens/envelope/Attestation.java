package dev.castellan.tokens.envelope;

import dev.castellan.core.cbor.CborMap;
import dev.castellan.tokens.AttestationClaim;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code attestation}: the seed's {@code attest(subject_vm, subject_pubkey, action, expires)},
 * signed by cryptod. {@link #statement()} is the same content as a token's {@code att} claim.
 */
public record Attestation(
    String subjectVm, ByteString subjectPublicKey, String action, ByteString nonce, Instant issuedAt, Instant expiresAt,
    ByteString signature) implements SignedEnvelope {
  public static final String TYPE = "attestation";

  public Attestation {
    Objects.requireNonNull(subjectVm, "subjectVm");
    Objects.requireNonNull(subjectPublicKey, "subjectPublicKey");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(signature, "signature");
  }

  /** An unsigned attestation of {@code subjectVm}'s key for {@code action}, valid from {@code issuedAt} to {@code expiresAt}. */
  public static Attestation attest(
      String subjectVm, ByteString subjectPublicKey, String action, ByteString nonce, Instant issuedAt, Instant expiresAt) {
    return new Attestation(subjectVm, subjectPublicKey, action, nonce, issuedAt, expiresAt, UNSIGNED);
  }

  static Attestation read(Body b) {
    return new Attestation(b.text("subject_vm"), b.bytes("subject_pubkey"), b.text("action"), b.bytes("nonce"),
        b.time("issued_at"), b.time("expires_at"), b.bytes("signature"));
  }

  /** The statement without its signature, as a token's {@code att} claim carries it. */
  public AttestationClaim statement() {
    return new AttestationClaim(subjectVm, subjectPublicKey.toByteArray(), action, nonce.toByteArray(), issuedAt, expiresAt);
  }

  @Override public String type() { return TYPE; }

  @Override
  public CborMap body() {
    return new BodyBuilder().text("subject_vm", subjectVm).bytes("subject_pubkey", subjectPublicKey).text("action", action)
        .bytes("nonce", nonce).time("issued_at", issuedAt).time("expires_at", expiresAt).bytes("signature", signature).build();
  }

  @Override public Optional<ByteString> signatureField() { return Optional.of(signature).filter(s -> s.size() > 0); }

  @Override public Attestation withSignature(ByteString value) {
    return new Attestation(subjectVm, subjectPublicKey, action, nonce, issuedAt, expiresAt, value);
  }

  @Override public Optional<Instant> signedAt() { return Optional.of(issuedAt); }
}
