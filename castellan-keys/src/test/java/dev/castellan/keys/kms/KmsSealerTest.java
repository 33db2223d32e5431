package dev.castellan.keys.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.NitroClaims;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.attestation.simulator.BootMeasurements;
import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.keys.UnsealException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KmsSealer's seal/unseal through a fake KMS on loopback, with a simulated Nitro enclave as the recipient. */
class KmsSealerTest {
  static final AwsCredentials CREDENTIALS = AwsCredentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  static final SecretBytes SECRET = SecretBytes.copyOf("the oracle's signing key, 32 b.!".getBytes(StandardCharsets.US_ASCII));

  @TempDir Path data;
  SimulatorHome home;
  SimulatedNitroTee enclave;
  FakeKms kms;

  @BeforeEach
  void boot() throws Exception {
    SecureRandom random = new SecureRandom();
    home = SimulatorHome.open(data, Clock.systemUTC(), random);
    Path jar = data.resolve("app.jar");
    Files.write(jar, "oracle".getBytes(StandardCharsets.US_ASCII));
    enclave = new SimulatedNitroTee(
        SimulatedNitroDevice.boot(home, BootMeasurements.of(jar, new byte[0]), Clock.systemUTC(), random));
    kms = new FakeKms(CREDENTIALS, home.nitroTrustAnchors(), enclave.measurement());
  }

  @AfterEach
  void stop() {
    kms.close();
  }

  KmsSealer sealer(AwsCredentials credentials) {
    KmsClient client = KmsClient.create(kms.endpoint(), FakeKms.REGION, credentials, Clock.systemUTC(),
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    return KmsSealer.create(client, FakeKms.KEY_ARN, enclave, new SecureRandom());
  }

  @Test
  void sealThenUnseal_policyAdmitsThisPcr0_returnsTheSecret() throws Exception {
    KmsSealer sealer = sealer(CREDENTIALS);
    byte[] sealed = sealer.seal(SECRET);

    SecretBytes unsealed = sealer.unseal(sealed);

    assertThat(unsealed.equalsSecretBytes(SECRET)).isTrue();
    assertThat(kms.requests.get()).isEqualTo(2);
    assertThat(kms.lastRequest.get("KeyId").stringValue()).isEqualTo(FakeKms.KEY_ARN);
    assertThat(kms.lastRequest.get("EncryptionAlgorithm").stringValue()).isEqualTo("SYMMETRIC_DEFAULT");
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("signing key");
  }

  @Test
  void unseal_policyPinsAnotherPcr0_throwsNamingThePolicyCondition() throws Exception {
    byte[] sealed = sealer(CREDENTIALS).seal(SECRET);
    kms.pinnedPcr0 = new byte[48];

    assertThatThrownBy(() -> sealer(CREDENTIALS).unseal(sealed))
        .isInstanceOf(UnsealException.class)
        .hasMessageContaining("KMS refused to decrypt the sealed key under " + FakeKms.KEY_ARN)
        .hasMessageContaining("AccessDeniedException (HTTP 400)")
        .hasMessageContaining("kms:RecipientAttestation:PCR0 condition does not admit this enclave (PCR0 "
            + Hex.encode(enclave.measurement()) + ")");
  }

  @Test
  void seal_policyPinsAnotherPcr0_throwsAccessDenied() {
    kms.pinnedPcr0 = new byte[48];
    assertThatThrownBy(() -> sealer(CREDENTIALS).seal(SECRET))
        .isInstanceOf(KmsAccessDeniedException.class)
        .hasMessageStartingWith("KMS GenerateDataKey failed: AccessDeniedException (HTTP 400): User:");
  }

  @Test
  void unseal_alteredCiphertext_throws() throws Exception {
    KmsSealer sealer = sealer(CREDENTIALS);
    byte[] sealed = sealer.seal(SECRET);
    sealed[sealed.length - 1] ^= 1;
    assertThatThrownBy(() -> sealer.unseal(sealed))
        .isInstanceOf(UnsealException.class)
        .hasMessage("the KMS-sealed key was altered: its AES-256-GCM tag does not verify");
  }

  @Test
  void unseal_alteredDataKeyCiphertext_throwsNotACiphertextOfTheKey() throws Exception {
    KmsSealer sealer = sealer(CREDENTIALS);
    byte[] sealed = sealer.seal(SECRET);
    sealed[10] ^= 1;
    assertThatThrownBy(() -> sealer.unseal(sealed))
        .isInstanceOf(UnsealException.class)
        .hasMessageContaining("the sealed key is not a ciphertext of KMS key " + FakeKms.KEY_ARN)
        .hasMessageContaining("InvalidCiphertextException");
  }

  @Test
  void unseal_notACsk1Blob_throwsWithoutCallingKms() {
    assertThatThrownBy(() -> sealer(CREDENTIALS).unseal(new byte[64]))
        .isInstanceOf(UnsealException.class).hasMessage("KMS-sealed key is malformed: not a CSK1 blob");
    assertThat(kms.requests.get()).isZero();
  }

  @Test
  void seal_wrongSecretAccessKey_failsSignatureCheckAndNeverShowsTheSecret() {
    AwsCredentials wrong = AwsCredentials.of("AKIDEXAMPLE", "not-the-secret-the-fake-kms-knows");
    assertThatThrownBy(() -> sealer(wrong).seal(SECRET))
        .isInstanceOf(KmsServiceException.class)
        .hasMessageStartingWith("KMS GenerateDataKey failed: InvalidSignatureException (HTTP 400)")
        .message().doesNotContain("not-the-secret");
  }

  @Test
  void recipient_documentCarriesItsPublicKey_andOpensAnEnvelopeToIt() throws Exception {
    KmsRecipient recipient = KmsRecipient.create(enclave, new SecureRandom());
    NitroClaims claims = (NitroClaims) NitroVerifier.create(home.nitroTrustAnchors())
        .verify(Evidence.of(Platform.NITRO, recipient.attestationDocument()),
            VerificationRequest.at(java.time.Instant.now(), Freshness.none())).claims();
    assertThat(claims.publicKey()).contains(ByteString.of(recipient.publicKey()));

    java.security.PublicKey key = java.security.KeyFactory.getInstance("RSA")
        .generatePublic(new java.security.spec.X509EncodedKeySpec(recipient.publicKey()));
    byte[] opened = recipient.open(TestEnvelopes.kmsBer(SECRET.toByteArray(), key)).toByteArray();
    assertThat(opened).isEqualTo(SECRET.toByteArray());
  }

  @Test
  void decryptRequest_isAwsJson11SignedForKms() throws Exception {
    AwsCredentials temporary = new AwsCredentials("ASIAEXAMPLE", SecretBytes.copyOf(
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".getBytes(StandardCharsets.UTF_8)), Optional.of("SESSIONTOKEN"));
    Clock fixed = Clock.fixed(java.time.Instant.parse("2026-11-21T09:00:00Z"), java.time.ZoneOffset.UTC);
    KmsClient client = KmsClient.create(java.net.URI.create("https://kms.eu-west-1.amazonaws.com/"), "eu-west-1",
        temporary, fixed, HttpClient.newHttpClient());
    KmsRecipient recipient = KmsRecipient.create(enclave, new SecureRandom());

    KmsRequest request = client.decryptRequest(new byte[] {1, 2, 3}, Optional.of("alias/castellan"), recipient);

    assertThat(request.headers()).containsEntry("content-type", "application/x-amz-json-1.1")
        .containsEntry("x-amz-target", "TrentService.Decrypt")
        .containsEntry("host", "kms.eu-west-1.amazonaws.com")
        .containsEntry("x-amz-date", "20261121T090000Z")
        .containsEntry("x-amz-security-token", "SESSIONTOKEN");
    assertThat(request.headers().get("authorization")).matches("AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20261121/"
        + "eu-west-1/kms/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,"
        + " Signature=[0-9a-f]{64}");
    var body = KmsResponses.JSON.readTree(request.body());
    assertThat(body.propertyNames()).containsExactly("CiphertextBlob", "KeyId", "EncryptionAlgorithm", "Recipient");
    assertThat(body.get("CiphertextBlob").stringValue()).isEqualTo("AQID");
    assertThat(body.get("Recipient").get("KeyEncryptionAlgorithm").stringValue()).isEqualTo("RSAES_OAEP_SHA_256");
    assertThat(java.util.Base64.getDecoder().decode(body.get("Recipient").get("AttestationDocument").stringValue()))
        .isEqualTo(recipient.attestationDocument());
    assertThat(new String(request.body(), StandardCharsets.UTF_8) + request).doesNotContain("wJalrXUtnFEMI");
  }

  @Test
  void generateDataKeyRequest_hasKeyIdKeySpecAndRecipient() throws Exception {
    KmsClient client = KmsClient.create("eu-west-1", CREDENTIALS);
    var body = KmsResponses.JSON.readTree(
        client.generateDataKeyRequest(FakeKms.KEY_ARN, KmsRecipient.create(enclave, new SecureRandom())).body());
    assertThat(body.propertyNames()).containsExactly("KeyId", "KeySpec", "Recipient");
    assertThat(body.get("KeySpec").stringValue()).isEqualTo("AES_256");
  }

  @Test
  void errorResponse_namespacedAccessDenied_isTyped() {
    KmsServiceException e = KmsResponses.error("Decrypt", 400,
        "{\"__type\":\"com.amazonaws.kms#AccessDeniedException\",\"Message\":\"no\\u0007pe\"}".getBytes(StandardCharsets.UTF_8),
        null);
    assertThat(e).isInstanceOf(KmsAccessDeniedException.class)
        .hasMessage("KMS Decrypt failed: AccessDeniedException (HTTP 400): no\\u0007pe");
    assertThat(KmsResponses.error("Decrypt", 400, "{\"__type\":\"ThrottlingException\"}".getBytes(StandardCharsets.UTF_8),
        null).retryable()).isTrue();
  }

  @Test
  void create_plainHttpToANonLoopbackHost_isRefused() {
    assertThatThrownBy(() -> KmsClient.create(java.net.URI.create("http://kms.eu-west-1.amazonaws.com/"), "eu-west-1",
        CREDENTIALS, Clock.systemUTC(), HttpClient.newHttpClient()))
        .hasMessage("a KMS endpoint must be https (http only to a loopback address)");
  }
}
