package dev.castellan.attestation.nitro;

import static dev.castellan.attestation.nitro.NitroVectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.CertificateChainException;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.FreshnessException;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.NitroClaims;
import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.SignatureInvalidException;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.internal.Pkix;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NitroVerifierTest {
  private final NitroVerifier verifier = NitroVerifier.create();

  private NitroClaims claims(Vector v, Freshness freshness) throws Exception {
    return (NitroClaims) verifier.verify(v.evidence(), v.request(freshness)).claims();
  }

  @Test
  void verify_everyValidVector_verifiesAtItsTimestampWithItsDebugFlag() {
    Failures failures = new Failures();
    for (Vector v : VALID) {
      failures.check(v.file(), () -> {
        AttestationResult result = verifier.verify(v.evidence(), v.request(Freshness.none()));
        NitroClaims c = (NitroClaims) result.claims();
        assertThat(c.timestamp()).isEqualTo(v.timestamp());
        assertThat(c.debug()).isEqualTo(v.debug());
        assertThat(c.simulated()).isFalse();
        assertThat(c.digest()).isEqualTo("SHA384");
        assertThat(result.checks()).extracting(Check::name).containsExactly("nitro.cose", "nitro.document",
            "nitro.signature", "nitro.chain", "nitro.timestamp", "nitro.chain-current", "nitro.freshness");
      });
    }
    failures.assertNone(VALID.length);
  }

  @Test
  void verify_evervaultValid_hasDocumentedPcrsAndNonce() throws Exception {
    NitroClaims c = claims(EVERVAULT_VALID, Freshness.none());
    assertThat(c.pcr(0).orElseThrow().hex()).isEqualTo(
        "f4d48b81a460c9916d1e685119074bf24660afd3e34fae9fca0a0d28d9d5599936332687e6f66fc890ac8cf150142d8b");
    assertThat(c.pcr(1).orElseThrow().hex()).isEqualTo(
        "bcdf05fefccaa8e55bf2c8d6dee9e79bbff31e34bf28a99aa19e6b29c37ee80b214a414b7607236edf26fcb78654e63f");
    assertThat(c.pcr(2).orElseThrow().hex()).isEqualTo(
        "d8f114da658de5481f8d9ec73907feb553560787522f705c92d7d96beed8e15e2aa611984e098c576832c292e8dc469a");
    assertThat(c.pcr(8).orElseThrow().hex()).isEqualTo(
        "8790eb3cce6c83d07e84b126dc61ca923333d6f66615c4a79157de48c5ab2418bdc60746ea7b7afbff03a1c6210201cb");
    assertThat(c.pcr(3).orElseThrow().hex()).startsWith("4a9329d6").endsWith("53425aa");
    assertThat(c.nonce().orElseThrow().length()).isEqualTo(256);
    assertThat(c.userData()).isEmpty();
    assertThat(c.publicKey()).isEmpty();
    assertThat(c.moduleId()).isEqualTo("i-020b6af9246d90e92-enc0183d09086c24190");
  }

  @Test
  void verify_evervaultDebug_hasAsciiPublicKeyAndUserData() throws Exception {
    NitroClaims c = claims(EVERVAULT_DEBUG, Freshness.none());
    assertThat(c.publicKey().orElseThrow()).isEqualTo(ByteString.of("my super secret key".getBytes(StandardCharsets.US_ASCII)));
    assertThat(c.userData().orElseThrow()).isEqualTo(ByteString.of("hello, world!".getBytes(StandardCharsets.US_ASCII)));
    assertThat(c.nonce()).isEmpty();
    assertThat(c.pcr(8).orElseThrow().isAllZero()).isTrue();
  }

  @Test
  void verify_veracruz_matchesExpectedNonceAndUserData() throws Exception {
    byte[] nonce = Hex.decode("c678c86135de539d183acff58886d98dfb9823041af9f934bf909ac0f8d96245");
    byte[] userData = Hex.decode("7c37108079b3e8a36d8a7970de1d6d4ff1461e0e35d9557c4d789df5e0576620");
    NitroClaims c = claims(VERACRUZ, Freshness.nonce(nonce));
    assertThat(c.pcr(0).orElseThrow().hex()).isEqualTo(
        "22f9e1c949208da55eb01b9b9fc88f87454f77ba133f0d82320b509621c92482152a99d0a12335b97178c02d6f977d01");
    assertThat(c.pcr(3).orElseThrow().isAllZero()).isTrue();
    assertThat(c.pcr(4).orElseThrow().hex()).startsWith("4554042339e6a1dd");
    assertThat(c.moduleId()).isEqualTo("i-04fd167167daacf3b-enc01845e97d0b3eb4e");
    assertThat(claims(VERACRUZ, Freshness.reportData(userData)).userData().orElseThrow().hex())
        .isEqualTo(Hex.encode(userData));
  }

  @Test
  void verify_embeddedDocuments_bindTheirTlsCertificate() throws Exception {
    for (Vector v : List.of(EVERVAULT_CERT, EVERVAULT_CERT_DEBUG)) {
      byte[] spki = v.tlsCertificate().getPublicKey().getEncoded();
      assertThat(claims(v, Freshness.reportData(spki)).userData().orElseThrow().equalsBytes(spki)).isTrue();
    }
    NitroClaims c = claims(EVERVAULT_CERT, Freshness.none());
    assertThat(c.pcr(0).orElseThrow().hex()).isEqualTo(
        "d265a83faa7b4fa0d73b82b6d06253e894445922937d0ee5a74fe4891da9817611a71e71b98e5329232902de3cf419af");
    assertThat(c.pcr(2).orElseThrow().hex()).isEqualTo(
        "e4f634d24ad83b7f6e49fe283bafdb220f6252fb4a278a858e19d15b7cd0f263b9168ed0bacefb4444266df9f9a77f24");
    assertThat(c.pcr(8).orElseThrow().hex()).isEqualTo(
        "97c5395a83c0d6a04d53ff962663c714c178c24500bf97f78456ed3721d922cf3f940614da4bb90107c439bc4a1443ca");
  }

  @Test
  void verify_base64Document_bindsTheTlsCertificateSpki() throws Exception {
    byte[] spki = Pkix.parseDer(Vectors.bytes(DIR + "evervault_valid-certificate.der"), "t").getPublicKey().getEncoded();
    assertThat(claims(EVERVAULT_BASE64, Freshness.reportData(spki)).userData().orElseThrow().length()).isEqualTo(91);
    // negative 6: the GA document against a different TLS certificate's SPKI
    byte[] other = EVERVAULT_CERT.tlsCertificate().getPublicKey().getEncoded();
    assertThatThrownBy(() -> claims(EVERVAULT_BASE64, Freshness.reportData(other)))
        .isInstanceOf(FreshnessException.class).hasMessageContaining("nitro.user-data");
  }

  @Test
  void verify_badSignatureFile_throwsSignatureInvalid() {
    assertThatThrownBy(() -> verifier.verify(VERACRUZ_BAD_SIG.evidence(), VERACRUZ_BAD_SIG.request(Freshness.none())))
        .isInstanceOf(SignatureInvalidException.class).hasMessageContaining("nitro.signature");
  }

  @Test
  void verify_flippedPcr0Byte_throwsSignatureInvalid() throws Exception {
    byte[] doc = VERACRUZ.documentBytes();
    byte[] pcr0 = Hex.decode("22f9e1c949208da55eb01b9b9fc88f87");
    int at = indexOf(doc, pcr0);
    assertThat(at).isPositive();
    doc[at + 5] ^= 0x01;
    assertThatThrownBy(() -> verifier.verify(Evidence.of(Platform.NITRO, doc), VERACRUZ.request(Freshness.none())))
        .isInstanceOf(SignatureInvalidException.class);
  }

  @Test
  void verify_atNowOrAfterLeafExpiry_throwsChain() throws Exception {
    // The verifier has no age limit (that is appraisal); expiry is still enforced at any time.
    VerificationRequest lenient = EVERVAULT_VALID.request(Freshness.none());
    assertThatThrownBy(() -> verifier.verify(EVERVAULT_VALID.evidence(), lenient.withTime(Instant.now())))
        .isInstanceOf(CertificateChainException.class).hasMessageContaining("nitro.chain-current");
    Instant justExpired = Instant.parse("2022-10-13T11:58:03.137Z");
    assertThatThrownBy(() -> verifier.verify(EVERVAULT_VALID.evidence(), lenient.withTime(justExpired)))
        .isInstanceOf(CertificateChainException.class);
    assertThat(verifier.verify(EVERVAULT_VALID.evidence(), lenient.withTime(justExpired.minusSeconds(2)))).isNotNull();
  }

  @Test
  void verify_futureTimestamp_throwsFreshness_oldOneIsLeftToAppraisal() throws Exception {
    VerificationRequest late = VERACRUZ.request(Freshness.none()).withTime(VERACRUZ.timestamp().plus(Duration.ofMinutes(6)));
    NitroClaims old = (NitroClaims) verifier.verify(VERACRUZ.evidence(), late).claims();
    assertThat(old.verifiedAt()).isEqualTo(late.time());
    assertThat(old.age()).isEqualTo(Duration.ofMinutes(6));
    VerificationRequest skewed = late.withTime(VERACRUZ.timestamp().minus(Duration.ofSeconds(60)));
    assertThat(verifier.verify(VERACRUZ.evidence(), skewed)).isNotNull();
    VerificationRequest early = late.withTime(VERACRUZ.timestamp().minus(Duration.ofSeconds(61)));
    assertThatThrownBy(() -> verifier.verify(VERACRUZ.evidence(), early))
        .isInstanceOf(FreshnessException.class).hasMessageContaining("nitro.timestamp").hasMessageContaining("future");
  }

  @Test
  void verify_wrongNonce_throwsFreshness() {
    assertThatThrownBy(() -> claims(VERACRUZ, Freshness.nonce(new byte[32])))
        .isInstanceOf(FreshnessException.class).hasMessageContaining("nitro.nonce");
    assertThatThrownBy(() -> claims(EVERVAULT_DEBUG, Freshness.nonce(new byte[32])))
        .isInstanceOf(FreshnessException.class).hasMessageContaining("no nonce");
  }

  @Test
  void verify_withoutPinnedG1_throwsChain() {
    TrustAnchors amdOnly = TrustAnchors.of(TrustAnchors.bundled().roots(Platform.SEV_SNP));
    assertThatThrownBy(() -> NitroVerifier.create(amdOnly).verify(VERACRUZ.evidence(), VERACRUZ.request(Freshness.none())))
        .isInstanceOf(CertificateChainException.class);
  }

  @Test
  void verify_forgedDocumentWithUnpinnedRoot_throwsChain() throws Exception {
    NitroForge forge = new NitroForge(VERACRUZ.timestamp());
    CborMap payload = NitroForge.edit(NitroForge.payload(VERACRUZ.documentBytes()), m -> {
      m.put("certificate", CborValue.of(encoded(forge.leaf)));
      m.put("cabundle", CborValue.array(CborValue.of(encoded(forge.root))));
      return m;
    });
    byte[] forged = forge.sign(NitroForge.es384Header(), payload);
    assertThatThrownBy(() -> verifier.verify(Evidence.of(Platform.NITRO, forged), VERACRUZ.request(Freshness.none())))
        .isInstanceOf(CertificateChainException.class).hasMessageContaining("not a pinned");
    // Trusting the forged root explicitly makes it verify, labelled simulated.
    var simulated = NitroVerifier.create(TrustAnchors.of(PinnedCertificate.simulatedRoot("forged", Platform.NITRO, forge.root)));
    assertThat(simulated.verify(Evidence.of(Platform.NITRO, forged), VERACRUZ.request(Freshness.none())).simulated()).isTrue();
    // Real cabundle, forged leaf: the leaf does not chain.
    CborMap realBundle = NitroForge.edit(NitroForge.payload(VERACRUZ.documentBytes()), m -> {
      m.put("certificate", CborValue.of(encoded(forge.leaf)));
      return m;
    });
    byte[] mixed = forge.sign(NitroForge.es384Header(), realBundle);
    assertThatThrownBy(() -> verifier.verify(Evidence.of(Platform.NITRO, mixed), VERACRUZ.request(Freshness.none())))
        .isInstanceOf(CertificateChainException.class);
  }

  @Test
  void verify_es256HeaderOrWrongDigest_throws() throws Exception {
    NitroForge forge = new NitroForge(VERACRUZ.timestamp());
    CborMap payload = NitroForge.payload(VERACRUZ.documentBytes());
    byte[] es256 = forge.sign(Cbor.encode(CborMap.builder().put(1, CborValue.of(-7)).build()), payload);
    assertThatThrownBy(() -> verifier.verify(Evidence.of(Platform.NITRO, es256), VERACRUZ.request(Freshness.none())))
        .isInstanceOf(SignatureInvalidException.class).hasMessageContaining("nitro.algorithm");
    for (var edit : List.<java.util.function.UnaryOperator<java.util.Map<String, CborValue>>>of(
        m -> { m.remove("digest"); return m; },
        m -> { m.put("digest", CborValue.of("SHA256")); return m; },
        m -> { m.put("extra", CborValue.of(1)); return m; })) {
      byte[] doc = forge.sign(NitroForge.es384Header(), NitroForge.edit(payload, edit));
      assertThatThrownBy(() -> verifier.verify(Evidence.of(Platform.NITRO, doc), VERACRUZ.request(Freshness.none())))
          .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("nitro.document");
    }
  }

  @Test
  void verify_anyFlippedByte_throwsAttestationException() throws Exception {
    byte[] original = VERACRUZ.documentBytes();
    Failures failures = new Failures();
    for (int i = 0; i < original.length; i += 3) {
      byte[] mutated = original.clone();
      mutated[i] ^= 0x01;
      failures.check("byte " + i, () -> {
        try {
          verifier.verify(Evidence.of(Platform.NITRO, mutated), VERACRUZ.request(Freshness.none()));
        } catch (AttestationException expected) {
          return;
        } catch (Exception | Error other) {
          throw new AssertionError("wrong exception type " + other, other);
        }
        throw new AssertionError("mutated document verified");
      });
    }
    failures.assertNone(original.length / 3);
  }

  private static byte[] encoded(java.security.cert.X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
