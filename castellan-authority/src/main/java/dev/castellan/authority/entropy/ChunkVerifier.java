package dev.castellan.authority.entropy;

import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborBytes;
import dev.castellan.core.cbor.CborException;
import dev.castellan.core.cbor.CborLimits;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.tokens.AuthorityPublicKey;
import dev.castellan.tokens.envelope.Envelope;
import dev.castellan.tokens.envelope.EnvelopeCodec;
import dev.castellan.tokens.envelope.EnvelopeException;
import dev.castellan.tokens.envelope.EnvelopeSignatures;
import dev.castellan.tokens.envelope.EntropyPublication;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * cryptod's checks of one frame from entropyd, in this order, the first failure naming the
 * rule: size and strict decoding, the chunk's size, the type, the signer (the pinned key), the
 * signature, the timestamp (within the skew of cryptod's clock), the nonce (not seen before).
 */
final class ChunkVerifier {
  private static final CborLimits LIMITS =
      CborLimits.DETERMINISTIC.withMaxInputBytes(EntropyReseeder.MAX_FRAME_BYTES).withMaxDepth(4).withMaxItems(64);

  private final AuthorityPublicKey entropydKey;
  private final Duration skew;
  private final NonceWindow nonces;

  ChunkVerifier(AuthorityPublicKey entropydKey, ReseedOptions options) {
    this.entropydKey = entropydKey;
    this.skew = options.maxSkew();
    this.nonces = new NonceWindow(options.maxSkew(), options.nonceCacheEntries());
  }

  /** The verified publication; its chunk is the caller's to use and destroy. */
  EntropyPublication verify(byte[] frame, Instant now) throws ChunkRejected {
    if (frame.length > EntropyReseeder.MAX_FRAME_BYTES) {
      throw new ChunkRejected("envelope.oversize");
    }
    Envelope envelope;
    try {
      envelope = EnvelopeCodec.decode(frame);
    } catch (EnvelopeException e) {
      throw new ChunkRejected(chunkOutOfBounds(frame) ? "entropy.chunk-size" : "envelope." + e.problem().name().toLowerCase(Locale.ROOT));
    }
    if (!(envelope instanceof EntropyPublication publication)) {
      throw new ChunkRejected("entropy.type-unexpected");
    }
    try {
      check(publication, now);
      return publication;
    } catch (ChunkRejected e) {
      publication.entropyChunk().destroy();
      throw e;
    }
  }

  private void check(EntropyPublication publication, Instant now) throws ChunkRejected {
    try {
      if (!EnvelopeSignatures.signer(publication).equals(entropydKey.keyId())) {
        throw new ChunkRejected("entropy.signer-not-pinned");
      }
      EnvelopeSignatures.verify(publication, entropydKey);
    } catch (EnvelopeException e) {
      throw new ChunkRejected("entropy.signature");
    }
    if (Duration.between(publication.timestamp(), now).abs().compareTo(skew) > 0) {
      throw new ChunkRejected("entropy.timestamp-skew");
    }
    nonces.accept(publication.nonce(), publication.timestamp(), now);
  }

  /**
   * Whether a frame the decoder refused is an {@code entropy_pub} whose chunk is outside 64..512
   * bytes: worth its own rule, since it is the one bound a receiver of entropy cares about.
   */
  private static boolean chunkOutOfBounds(byte[] frame) {
    try {
      if (Cbor.decode(frame, LIMITS) instanceof CborMap envelope
          && CborValue.of(EntropyPublication.TYPE).equals(envelope.get("type")) && envelope.get("body") instanceof CborMap body
          && body.get("entropy_chunk") instanceof CborBytes chunk) {
        return chunk.length() < AuthorityRandom.MIN_CHUNK || chunk.length() > AuthorityRandom.MAX_CHUNK;
      }
      return false;
    } catch (CborException | RuntimeException e) {
      return false;
    }
  }
}
