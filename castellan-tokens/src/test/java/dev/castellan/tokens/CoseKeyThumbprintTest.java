package dev.castellan.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.hash.HashAlgorithm;
import java.security.InvalidKeyException;
import org.junit.jupiter.api.Test;

/** RFC 9679 §6 (the RFC's one worked example, EC2 P-256) and the OKP member set. */
class CoseKeyThumbprintTest {
  // RFC 9679 §6: the key's x and y, the deterministic encoding of the required members, and the SHA-256 thumbprint.
  private static final String RFC9679_X = "65eda5a12577c2bae829437fe338701a10aaa375e1bb5b5de108de439c08551d";
  private static final String RFC9679_Y = "1e52ed75701163f7f9e40ddf9f341b3dc9ba860af7e0ca7ca7e9eecd0084d19c";
  private static final String RFC9679_ENCODING =
      "a40102200121582065eda5a12577c2bae829437fe338701a10aaa375e1bb5b5de108de439c08551d"
          + "2258201e52ed75701163f7f9e40ddf9f341b3dc9ba860af7e0ca7ca7e9eecd0084d19c";
  private static final String RFC9679_THUMBPRINT = "496bd8afadf307e5b08c64b0421bf9dc01528a344a43bda88fadd1669da253ec";

  // RFC 8032 §7.1 TEST 1 public key (also the key of cose-wg eddsa-01).
  private static final String ED25519_TEST1 = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

  private static CborMap rfc9679Members() {
    return CoseKeyThumbprint.ec2(CoseKeyThumbprint.CRV_P256, Hex.decode(RFC9679_X), Hex.decode(RFC9679_Y));
  }

  @Test
  void ec2_rfc9679Example_encodingAndThumbprintMatchRfc() {
    assertThat(Hex.encode(Cbor.encode(rfc9679Members()))).isEqualTo(RFC9679_ENCODING);
    assertThat(CoseKeyThumbprint.sha256(rfc9679Members())).hasToString(RFC9679_THUMBPRINT);
  }

  @Test
  void fromCoseKey_rfc9679Example_keyIdIsTheRfcThumbprint() throws Exception {
    AuthorityPublicKey key = AuthorityPublicKey.fromCoseKey(Cbor.decode(Hex.decode(RFC9679_ENCODING)));
    assertThat(key.keyId()).hasToString(RFC9679_THUMBPRINT);
    assertThat(key.algorithm()).isEqualTo(dev.castellan.core.cose.CoseAlgorithm.ES256);
  }

  @Test
  void okp_ed25519_encodesKtyCrvXOnly() throws Exception {
    byte[] expected = Hex.decode("a301012006215820" + ED25519_TEST1);
    CborMap members = CoseKeyThumbprint.okp(CoseKeyThumbprint.CRV_ED25519, Hex.decode(ED25519_TEST1));
    assertThat(Cbor.encode(members)).isEqualTo(expected);
    assertThat(CoseKeyThumbprint.sha256(members).toBytes()).isEqualTo(HashAlgorithm.SHA_256.hash(expected));
    AuthorityPublicKey key = AuthorityPublicKey.fromCoseKey(members);
    assertThat(key.keyId()).isEqualTo(CoseKeyThumbprint.sha256(members));
  }

  @Test
  void fromCoseKey_extraMemberKid_throws() {
    CborMap withKid = CborMap.builder()
        .put(1, CborValue.of(2)).put(-1, CborValue.of(1))
        .put(-2, CborValue.of(Hex.decode(RFC9679_X))).put(-3, CborValue.of(Hex.decode(RFC9679_Y)))
        .put(2, CborValue.of(Hex.decode(RFC9679_THUMBPRINT)))
        .build();
    assertThatThrownBy(() -> AuthorityPublicKey.fromCoseKey(withKid)).isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void fromCoseKey_pointNotOnCurve_throws() {
    byte[] y = Hex.decode(RFC9679_Y);
    y[31] ^= 1;
    CborMap members = CoseKeyThumbprint.ec2(CoseKeyThumbprint.CRV_P256, Hex.decode(RFC9679_X), y);
    assertThatThrownBy(() -> AuthorityPublicKey.fromCoseKey(members)).isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void fromCoseKey_wrongCurveOrLength_throws() {
    CborMap p384 = CoseKeyThumbprint.ec2(2, Hex.decode(RFC9679_X), Hex.decode(RFC9679_Y));
    CborMap shortX = CoseKeyThumbprint.okp(CoseKeyThumbprint.CRV_ED25519, new byte[31]);
    assertThatThrownBy(() -> AuthorityPublicKey.fromCoseKey(p384)).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> AuthorityPublicKey.fromCoseKey(shortX)).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> AuthorityPublicKey.fromCoseKey(CborValue.of(1))).isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void signingKey_toString_redactsPrivateKey() {
    SigningKey key = TestAuthority.ed25519(1);
    assertThat(key.toString()).contains("redacted").contains(key.keyId().toString());
  }
}
