package dev.castellan.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.cbor.Cbor;

import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborTag;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.cose.CoseAlgorithm;
import dev.castellan.core.cose.CoseHeaders;
import dev.castellan.core.cose.CoseSign1;
import dev.castellan.tokens.TokenException.Rule;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The token format: round trips, and every structural rule of CapabilityToken.decode. */
class CapabilityTokenTest {
  private static final SigningKey ES256 = TestAuthority.p256(1);
  private static final SigningKey EDDSA = TestAuthority.ed25519(2);

  static void assertMalformed(ThrowingCallable call, String messagePart) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.rule()).isEqualTo(Rule.MALFORMED))
        .hasMessageContaining(messagePart);
  }

  @Test
  void signDecode_es256_roundTripsClaimsKidAndSignature() throws Exception {
    CapabilityClaims claims = Fixtures.claims("a").build();
    CapabilityToken token = CapabilityToken.decode(CapabilityToken.sign(claims, ES256));
    assertThat(token.claims()).isEqualTo(claims);
    assertThat(token.keyId()).isEqualTo(ES256.keyId());
    assertThat(token.algorithm()).isEqualTo(CoseAlgorithm.ES256);
    token.verifySignature(ES256.publicKey());
  }

  @Test
  void signDecode_eddsaWithAllOptionalClaims_roundTrips() throws Exception {
    AttestationClaim att = new AttestationClaim(
        "vm-7", new byte[32], "luks:unlock", Fixtures.bytes("n", 8), Fixtures.T0, Fixtures.T0.plusSeconds(30));
    CapabilityClaims claims = Fixtures.claims("b")
        .audience("unlocker").notBefore(Fixtures.T0.plusSeconds(1)).attestation(att).build();
    byte[] encoded = CapabilityToken.sign(claims, EDDSA);
    CapabilityToken token = CapabilityToken.decode(encoded);
    assertThat(token.claims()).isEqualTo(claims);
    assertThat(token.claims().audience()).containsExactly("policy_pd", "unlocker");
    assertThat(token.claims().attestation()).contains(att);
    assertThat(token.claims().notBefore()).contains(Fixtures.T0.plusSeconds(1));
    token.verifySignature(EDDSA.publicKey());
    // Header bytes as documented: protected {1: -8, 4: h'<32>'}.
    CoseSign1 message = CoseSign1.decode(encoded);
    assertThat(Hex.encode(message.protectedBytes())).isEqualTo("a20127045820" + EDDSA.keyId());
  }

  @Test
  void claimKeys_areTheDocumentedIntegers() {
    CborMap map = Fixtures.claims("c").build().toCbor();
    assertThat(map.sortedEntries().stream().map(e -> e.getKey().toString()).toList())
        .containsExactly("1", "2", "3", "4", "6", "7", "9", "10");
    assertThat(map.get(9)).isEqualTo(CborValue.of("luks:unlock net:update"));
  }

  @Test
  void verifySignature_otherKey_throwsSignature() throws Exception {
    CapabilityToken token = CapabilityToken.decode(CapabilityToken.sign(Fixtures.claims("d").build(), ES256));
    assertThatThrownBy(() -> token.verifySignature(TestAuthority.p256(9).publicKey()))
        .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.rule()).isEqualTo(Rule.SIGNATURE));
  }

  @Test
  void decode_malformedCbor_throwsMalformed() {
    assertMalformed(() -> CapabilityToken.decode(new byte[0]), "");
    assertMalformed(() -> CapabilityToken.decode(Hex.decode("d28443a1")), "");
    assertMalformed(() -> CapabilityToken.decode(Hex.decode("ff")), "");
  }

  @Test
  void decode_oversize_throwsMalformed() {
    assertMalformed(() -> CapabilityToken.decode(new byte[CapabilityToken.MAX_TOKEN_BYTES + 1]), "exceeds");
  }

  @Test
  void decode_untagged_throwsMalformed() throws Exception {
    byte[] token = CapabilityToken.sign(Fixtures.claims("e").build(), EDDSA);
    byte[] untagged = Cbor.encode(((CborTag) Cbor.decode(token)).content());
    assertMalformed(() -> CapabilityToken.decode(untagged), "tag 18");
  }

  @Test
  void decode_nonDeterministicEncoding_throwsMalformed() throws Exception {
    byte[] token = CapabilityToken.sign(Fixtures.claims("f").build(), EDDSA);
    // Re-encode the tag head 0xd2 as the non-shortest 0xd8 0x12.
    byte[] longTag = new byte[token.length + 1];
    longTag[0] = (byte) 0xd8;
    longTag[1] = 0x12;
    System.arraycopy(token, 1, longTag, 2, token.length - 1);
    assertMalformed(() -> CapabilityToken.decode(longTag), "");
  }

  @Test
  void decode_kidInUnprotectedHeader_throwsMalformed() throws Exception {
    byte[] token = CoseSign1.sign(EDDSA, CoseAlgorithm.EDDSA, CoseHeaders.empty(),
        CoseHeaders.builder().keyId(EDDSA.keyId().toBytes()).build(), Fixtures.claims("g").build().encode(), new byte[0], true);
    assertMalformed(() -> CapabilityToken.decode(token), "exactly {1: alg, 4: kid}");
  }

  @Test
  void decode_extraProtectedHeaderOrShortKid_throwsMalformed() throws Exception {
    byte[] payload = Fixtures.claims("h").build().encode();
    byte[] extra = CoseSign1.sign(EDDSA, CoseAlgorithm.EDDSA,
        CoseHeaders.builder().keyId(EDDSA.keyId().toBytes()).contentType(61).build(),
        CoseHeaders.empty(), payload, new byte[0], true);
    byte[] shortKid = CoseSign1.sign(EDDSA, CoseAlgorithm.EDDSA,
        CoseHeaders.builder().keyId(new byte[8]).build(), CoseHeaders.empty(), payload, new byte[0], true);
    assertMalformed(() -> CapabilityToken.decode(extra), "exactly");
    assertMalformed(() -> CapabilityToken.decode(shortKid), "kid");
  }

  @Test
  void decode_unknownClaim_throwsMalformed() throws Exception {
    CborMap.Builder claims = CborMap.builder();
    Fixtures.claims("i").build().toCbor().entries().forEach(e -> claims.put(e.getKey(), e.getValue()));
    claims.put(8, CborValue.of("cnf"));
    assertMalformed(() -> CapabilityToken.decode(signRaw(claims.build())), "unknown key");
  }

  @Test
  void decode_claimOfWrongType_throwsMalformedNamingIt() throws Exception {
    assertMalformed(() -> CapabilityToken.decode(signRaw(replace(4, CborValue.of("soon")))), "exp");
    assertMalformed(() -> CapabilityToken.decode(signRaw(replace(7, CborValue.of("id")))), "cti");
    assertMalformed(() -> CapabilityToken.decode(signRaw(replace(9, CborValue.array(CborValue.of("a"))))), "scope");
    assertMalformed(() -> CapabilityToken.decode(signRaw(replace(10, CborValue.of(new byte[4])))), "eat_nonce");
    assertMalformed(() -> CapabilityToken.decode(signRaw(replace(3, CborValue.array(CborValue.of("x"))))), "aud");
    assertMalformed(() -> CapabilityToken.decode(signRaw(replace(6, CborValue.of(-1)))), "iat");
  }

  @Test
  void builder_badScopeOrLifetime_throws() {
    assertThatThrownBy(() -> Fixtures.claims("j").scope(List.of("a b")).build()).hasMessageContaining("scope");
    assertThatThrownBy(() -> Fixtures.claims("j").scope(List.of("a", "a")).build()).hasMessageContaining("duplicate");
    assertThatThrownBy(() -> Fixtures.claims("j").expiresAt(Fixtures.T0).build()).hasMessageContaining("exp");
    assertThatThrownBy(() -> Fixtures.claims("j").notBefore(Fixtures.T0.plusSeconds(60)).build()).hasMessageContaining("nbf");
  }

  private static CborMap replace(long key, CborValue value) {
    CborMap.Builder out = CborMap.builder();
    Fixtures.claims("k").build().toCbor().entries()
        .forEach(e -> out.put(e.getKey(), e.getKey().equals(CborValue.of(key)) ? value : e.getValue()));
    return out.build();
  }

  private static byte[] signRaw(CborMap claims) throws Exception {
    return CoseSign1.sign(EDDSA, CoseAlgorithm.EDDSA, CoseHeaders.builder().keyId(EDDSA.keyId().toBytes()).build(),
        CoseHeaders.empty(), Cbor.encode(claims), new byte[0], true);
  }

}
