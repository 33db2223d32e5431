package dev.castellan.tokens.envelope;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.cbor.CborMap;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** {@code entropy_pub}: entropyd publishes a chunk of 64..512 bytes, optionally signed by its own key. */
public record EntropyPublication(
    String drbgVersion, ByteString nonce, SecretBytes entropyChunk, Instant timestamp, Optional<ByteString> signature)
    implements SignedEnvelope {
  public static final String TYPE = "entropy_pub";

  public EntropyPublication {
    Objects.requireNonNull(drbgVersion, "drbgVersion");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(entropyChunk, "entropyChunk");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(signature, "signature");
  }

  static EntropyPublication read(Body b) {
    return new EntropyPublication(b.text("drbg_version"), b.bytes("nonce"), b.secret("entropy_chunk"),
        b.time("timestamp"), b.optionalBytes("signature"));
  }

  @Override public String type() { return TYPE; }

  @Override
  public CborMap body() {
    return new BodyBuilder().text("drbg_version", drbgVersion).bytes("nonce", nonce).secret("entropy_chunk", entropyChunk)
        .time("timestamp", timestamp).bytes("signature", signature.filter(s -> s.size() > 0)).build();
  }

  @Override public Optional<ByteString> signatureField() { return signature.filter(s -> s.size() > 0); }

  @Override public EntropyPublication withSignature(ByteString value) {
    return new EntropyPublication(drbgVersion, nonce, entropyChunk, timestamp, Optional.of(value));
  }

  @Override public Optional<Instant> signedAt() { return Optional.of(timestamp); }
}
