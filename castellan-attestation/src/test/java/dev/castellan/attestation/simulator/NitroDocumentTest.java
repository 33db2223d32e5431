package dev.castellan.attestation.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.EvidenceFormat;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.Platform;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.cose.CoseAlgorithm;
import dev.castellan.core.cose.CoseException;
import dev.castellan.core.cose.CoseSign1;
import dev.castellan.core.signature.EcdsaPublicKey;
import dev.castellan.core.signature.EcdsaSignatureEncoding;
import dev.castellan.core.signature.EcdsaVerifier;
import java.security.interfaces.ECPublicKey;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The document's structure, decoded with core-cbor and checked field by field against the
 * AWS specification; its COSE signature and certificate chain are checked independently of
 * the simulator (JCA ECDSA over a Sig_structure built here, JDK PKIX to the pinned root).
 */
class NitroDocumentTest {
  static final Instant START = Instant.parse("2026-11-21T09:00:00Z");

  @TempDir Path data;
  TestClock clock;
  SimulatorHome home;
  SimulatedNitroDevice device;

  @BeforeEach
  void boot() throws Exception {
    clock = new TestClock(START);
    home = SimulatorHome.open(data, clock, new SecureRandom());
    Path jar = data.resolve("app.jar");
    Files.write(jar, "oracle".getBytes(StandardCharsets.US_ASCII));
    device = SimulatedNitroDevice.boot(home, BootMeasurements.of(jar, new byte[0]), clock, new SecureRandom());
  }

  record Decoded(byte[] protectedHeader, CborMap unprotected, byte[] payloadBytes, CborMap payload, byte[] signature) {}

  static Decoded decode(byte[] document) throws Exception {
    List<CborValue> cose = Cbor.decode(document).asArray();
    assertThat(cose).hasSize(4);
    byte[] payload = cose.get(2).asBytes();
    return new Decoded(
        cose.get(0).asBytes(), cose.get(1).asMap(), payload, Cbor.decode(payload).asMap(), cose.get(3).asBytes());
  }

  static X509Certificate certificate(byte[] der) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  @Test
  void document_hasTheNitroStructure() throws Exception {
    byte[] userData = new byte[68];
    byte[] nonce = "fresh nonce".getBytes(StandardCharsets.US_ASCII);
    byte[] publicKey = new byte[] {0x30, 0x01, 0x02};
    byte[] document = device.attestationDocument(userData, nonce, publicKey);
    Decoded d = decode(document);

    assertThat(Hex.encode(d.protectedHeader())).isEqualTo("a1013822");
    assertThat(Hex.encode(document)).startsWith("8444a1013822a0");
    assertThat(d.unprotected().isEmpty()).isTrue();
    assertThat(d.signature()).hasSize(96);

    CborMap p = d.payload();
    assertThat(p.size()).isEqualTo(9);
    assertThat(p.require("module_id").asText()).isEqualTo(device.moduleId()).startsWith("sim-");
    assertThat(p.require("digest").asText()).isEqualTo("SHA384");
    assertThat(p.require("timestamp").asLong()).isEqualTo(START.toEpochMilli());
    CborMap pcrs = p.require("pcrs").asMap();
    assertThat(pcrs.size()).isEqualTo(16);
    for (int i = 0; i < 16; i++) {
      assertThat(pcrs.require(i).asBytes()).as("PCR%d", i).isEqualTo(device.pcr(i));
    }
    assertThat(p.require("user_data").asBytes()).isEqualTo(userData);
    assertThat(p.require("nonce").asBytes()).isEqualTo(nonce);
    assertThat(p.require("public_key").asBytes()).isEqualTo(publicKey);

    List<CborValue> bundle = p.require("cabundle").asArray();
    assertThat(bundle).hasSize(2);
    assertThat(bundle.get(0).asBytes()).isEqualTo(home.nitroRoot().certificate().getEncoded());
    X509Certificate leaf = certificate(p.require("certificate").asBytes());
    assertThat(leaf.getSubjectX500Principal().getName()).contains(device.moduleId());
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    for (CborValue der : bundle) {
      assertThat(der.asBytes().length).isBetween(1, 1024);
    }
    assertThat(p.require("certificate").asBytes().length).isBetween(1, 1024);
    assertThat(EvidenceFormat.detect(document)).isEqualTo(Platform.NITRO);
  }

  @Test
  void document_absentFields_areNull() throws Exception {
    CborMap p = decode(device.attestationDocument(null, null, null)).payload();
    assertThat(p.require("user_data").isNull()).isTrue();
    assertThat(p.require("nonce").isNull()).isTrue();
    assertThat(p.require("public_key").isNull()).isTrue();
  }

  @Test
  void attest_challengeIsTheNonce() throws Exception {
    byte[] challenge = device.randomBytes(32);
    var evidence = device.attest(challenge);
    assertThat(evidence.platform()).isEqualTo(Platform.NITRO);
    CborMap p = decode(evidence.bytes()).payload();
    assertThat(p.require("nonce").asBytes()).isEqualTo(challenge);
    assertThat(p.require("user_data").isNull()).isTrue();
  }

  @Test
  void document_lockedUserPcr_isIncluded() throws Exception {
    byte[] keyHash = new byte[32];
    device.extend(16, keyHash);
    device.lock(16);
    CborMap pcrs = decode(device.attestationDocument(null, null, null)).payload().require("pcrs").asMap();
    assertThat(pcrs.size()).isEqualTo(17);
    assertThat(pcrs.require(16).asBytes()).isEqualTo(SimulatedNitroDeviceTest.sha384(new byte[48], keyHash));
  }

  @Test
  void document_signatureVerifiesOverSigStructure() throws Exception {
    Decoded d = decode(device.attestationDocument(new byte[] {1}, new byte[] {2}, null));
    byte[] toBeSigned =
        Cbor.encode(
            CborValue.array(
                CborValue.of("Signature1"),
                CborValue.of(d.protectedHeader()),
                CborValue.of(new byte[0]),
                CborValue.of(d.payloadBytes())));
    X509Certificate leaf = certificate(d.payload().require("certificate").asBytes());
    Signature verifier = Signature.getInstance("SHA384withECDSAinP1363Format");
    verifier.initVerify(leaf.getPublicKey());
    verifier.update(toBeSigned);
    assertThat(verifier.verify(d.signature())).isTrue();

    toBeSigned[toBeSigned.length - 1] ^= 1;
    verifier.initVerify(leaf.getPublicKey());
    verifier.update(toBeSigned);
    assertThat(verifier.verify(d.signature())).isFalse();
  }

  @Test
  void document_chainValidatesToThePinnedRootAtTheTimestamp() throws Exception {
    CborMap p = decode(device.attestationDocument(null, null, null)).payload();
    List<CborValue> bundle = p.require("cabundle").asArray();
    List<X509Certificate> path =
        List.of(certificate(p.require("certificate").asBytes()), certificate(bundle.get(1).asBytes()));
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(home.nitroRoot().certificate(), null)));
    params.setRevocationEnabled(false);
    params.setDate(Date.from(Instant.ofEpochMilli(p.require("timestamp").asLong())));
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);

    params.setDate(Date.from(START.plus(Duration.ofHours(3)).plusSeconds(1)));
    assertThatThrownBy(
            () ->
                CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params))
        .isInstanceOf(java.security.cert.CertPathValidatorException.class)
        .hasRootCauseInstanceOf(java.security.cert.CertificateExpiredException.class);
  }

  @Test
  void document_longRunningDevice_reissuesTheLeafBeforeItExpires() throws Exception {
    X509Certificate first = certificate(decode(device.attestationDocument(null, null, null)).payload().require("certificate").asBytes());
    clock.advance(Duration.ofMinutes(90));
    X509Certificate same = certificate(decode(device.attestationDocument(null, null, null)).payload().require("certificate").asBytes());
    assertThat(same).isEqualTo(first);

    clock.advance(Duration.ofMinutes(31));
    X509Certificate renewed = certificate(decode(device.attestationDocument(null, null, null)).payload().require("certificate").asBytes());
    assertThat(renewed).isNotEqualTo(first);
    assertThat(renewed.getPublicKey()).isEqualTo(first.getPublicKey());
    renewed.checkValidity(Date.from(clock.instant()));
    renewed.checkValidity(Date.from(clock.instant().plus(Duration.ofMinutes(59))));
  }

  @Test
  void document_sizeLimits_areTheNsms() throws Exception {
    device.attestationDocument(new byte[512], new byte[512], new byte[1024]);
    device.attestationDocument(new byte[0], new byte[0], null);

    Map<String, Runnable> cases =
        Map.of(
            "user_data", () -> call(new byte[513], null, null),
            "nonce", () -> call(null, new byte[513], null),
            "public_key", () -> call(null, null, new byte[1025]));
    for (var c : cases.entrySet()) {
      assertThatThrownBy(c.getValue()::run)
          .as(c.getKey())
          .hasCauseInstanceOf(MalformedEvidenceException.class)
          .hasMessageContaining("nitro.request." + c.getKey());
    }
    assertThatThrownBy(() -> device.attestationDocument(null, null, new byte[0]))
        .isInstanceOf(MalformedEvidenceException.class)
        .hasMessageContaining("public_key");
  }

  private void call(byte[] userData, byte[] nonce, byte[] publicKey) {
    try {
      device.attestationDocument(userData, nonce, publicKey);
    } catch (MalformedEvidenceException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Test
  void document_verifiesWithCoreCose_andNotAfterAPayloadFlip() throws Exception {
    byte[] document = device.attestationDocument(null, new byte[] {5}, null);
    X509Certificate leaf = certificate(decode(document).payload().require("certificate").asBytes());
    EcdsaVerifier verifier =
        EcdsaVerifier.create(
            EcdsaPublicKey.fromJca((ECPublicKey) leaf.getPublicKey()), EcdsaSignatureEncoding.IEEE_P1363);
    CoseSign1 cose = CoseSign1.decode(document);
    assertThat(cose.isTagged()).isFalse();
    cose.verify(verifier, CoseAlgorithm.ES384, new byte[0]);

    byte[] flipped = document.clone();
    flipped[flipped.length - 200] ^= 1; // inside the payload, before the 96-byte signature
    assertThatThrownBy(() -> CoseSign1.decode(flipped).verify(verifier, CoseAlgorithm.ES384, new byte[0]))
        .isInstanceOf(CoseException.class);
  }

  @Test
  void document_payloadIsDeterministicCbor() throws Exception {
    byte[] payload = decode(device.attestationDocument(new byte[] {1}, null, null)).payloadBytes();
    assertThat(Cbor.encode(Cbor.decode(payload))).isEqualTo(payload);
  }
}
