package dev.castellan.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.tokens.envelope.Envelope;
import dev.castellan.tokens.envelope.EnvelopeCodec;
import dev.castellan.tokens.envelope.EnvelopeException;
import dev.castellan.tokens.envelope.EnvelopeSignatures;
import dev.castellan.tokens.envelope.SignedEnvelope;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded, structure-aware mutation of valid tokens and envelopes, beside the coverage-guided
 * fuzzing of fuzz.DecoderFuzzTest and in every build: bit flips, byte
 * insertions and deletions, truncations, CBOR-head bytes and splices of two inputs. Every
 * mutant MUST be decoded or refused with the module's checked exception, never a
 * RuntimeException; a decoded envelope MUST re-encode to its bytes. Fixed seed: reproducible.
 */
class MutationRobustnessTest {
  private static final int ROUNDS = 20_000;
  private static final byte[] HEADS = {0x00, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1f, 0x40, 0x5f, 0x60, (byte) 0x7f, (byte) 0x80,
      (byte) 0x9f, (byte) 0xa0, (byte) 0xbf, (byte) 0xc0, (byte) 0xd2, (byte) 0xf4, (byte) 0xf6, (byte) 0xf9, (byte) 0xff};

  static byte[] mutate(Random random, byte[] input, List<byte[]> corpus) {
    byte[] out = input.clone();
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && out.length > 0; e++) {
      int at = random.nextInt(out.length);
      out = switch (random.nextInt(6)) {
        case 0 -> { out[at] ^= (byte) (1 << random.nextInt(8)); yield out; }
        case 1 -> { out[at] = HEADS[random.nextInt(HEADS.length)]; yield out; }
        case 2 -> java.util.Arrays.copyOf(out, at);
        case 3 -> concat(java.util.Arrays.copyOf(out, at), new byte[] {(byte) random.nextInt(256)}, java.util.Arrays.copyOfRange(out, at, out.length));
        case 4 -> concat(java.util.Arrays.copyOf(out, at), java.util.Arrays.copyOfRange(out, Math.min(out.length, at + 1 + random.nextInt(8)), out.length));
        default -> {
          byte[] other = corpus.get(random.nextInt(corpus.size()));
          int from = random.nextInt(other.length);
          yield concat(java.util.Arrays.copyOf(out, at), java.util.Arrays.copyOfRange(other, from, other.length));
        }
      };
    }
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    return dev.castellan.core.bytes.Bytes.concat(parts);
  }

  @Test
  void tokenDecoder_mutants_decodeOrRefuseAsMalformed() throws Exception {
    List<byte[]> corpus = new ArrayList<>();
    for (SigningKey key : List.of(TestAuthority.p256(1), TestAuthority.ed25519(2))) {
      corpus.add(CapabilityToken.sign(Fixtures.claims("m").audience("unlocker").notBefore(Fixtures.T0).build(), key));
    }
    Random random = new Random(20260301);
    int refused = 0;
    for (int i = 0; i < ROUNDS; i++) {
      byte[] mutant = mutate(random, corpus.get(i % corpus.size()), corpus);
      try {
        CapabilityToken.decode(mutant);
      } catch (TokenException e) {
        assertThat(e.rule()).isEqualTo(TokenException.Rule.MALFORMED);
        refused++;
      }
    }
    assertThat(refused).isGreaterThan(ROUNDS / 2);
  }

  @Test
  void envelopeDecoder_mutants_decodeAndReencodeOrRefuse() throws Exception {
    List<byte[]> corpus = new ArrayList<>();
    for (Envelope sample : samples()) {
      Envelope e = sample instanceof SignedEnvelope s ? EnvelopeSignatures.sign(s, TestAuthority.p256(1)) : sample;
      corpus.add(EnvelopeCodec.encode(e));
    }
    Random random = new Random(7);
    for (int i = 0; i < ROUNDS; i++) {
      byte[] mutant = mutate(random, corpus.get(i % corpus.size()), corpus);
      try {
        Envelope decoded = EnvelopeCodec.decode(mutant);
        assertThat(EnvelopeCodec.encode(decoded)).isEqualTo(mutant);
      } catch (EnvelopeException expected) {
        // refused
      }
    }
    // Sanity: the corpus itself decodes, so the mutants start from valid inputs.
    for (byte[] valid : corpus) {
      assertThat(Cbor.decode(valid)).isInstanceOf(CborValue.class);
      EnvelopeCodec.decode(valid);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Envelope> samples() throws Exception {
    Method all = Class.forName("dev.castellan.tokens.envelope.Samples").getDeclaredMethod("all");
    all.setAccessible(true);
    return (List<Envelope>) all.invoke(null);
  }
}
