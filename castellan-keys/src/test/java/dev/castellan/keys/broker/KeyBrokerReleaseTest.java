package dev.castellan.keys.broker;

import static dev.castellan.keys.broker.BrokerFixture.ADMIN;
import static dev.castellan.keys.broker.BrokerFixture.attest;
import static dev.castellan.keys.broker.BrokerFixture.ephemeral;
import static dev.castellan.keys.broker.BrokerFixture.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hpke.Hpke;
import dev.castellan.core.hpke.HpkeException;
import dev.castellan.core.hpke.HpkePrivateKey;
import dev.castellan.core.ipld.Cid;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyBrokerReleaseTest {
  @TempDir Path temp;
  BrokerFixture fixture;
  KeyBroker broker;
  KeyView key;
  SimulatedNitroDevice good;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new BrokerFixture(temp);
    broker = fixture.open();
    key = broker.create(ADMIN, "oracle-key", policy(0x11));
    good = fixture.enclave(0x11);
  }

  private static byte[] aad(KeyView key) {
    return BrokerProtocol.answerAad(key.keyId(), key.policyDigest());
  }

  @Test
  void release_evidenceMeetingThePolicy_returnsTheKeyThatOpensOnlyWithTheEphemeralPrivateKey() throws Exception {
    Challenge challenge = broker.challenge("oracle-key");
    HpkePrivateKey ephemeral = ephemeral();
    byte[] evidence = attest(good, challenge, ephemeral);
    KeyBroker.Answer answer = broker.release("oracle-key", challenge.challengeId(), evidence, ephemeral.publicKey().toBytes());

    byte[] material = Hpke.open(BrokerProtocol.SUITE, answer.enc(), ephemeral, BrokerProtocol.RELEASE_INFO, aad(key),
        answer.ciphertext());
    assertThat(material).hasSize(32);
    assertThatThrownBy(() -> Hpke.open(BrokerProtocol.SUITE, answer.enc(), ephemeral(), BrokerProtocol.RELEASE_INFO, aad(key),
        answer.ciphertext())).as("another private key").isInstanceOf(HpkeException.class);
    assertThatThrownBy(() -> Hpke.open(BrokerProtocol.SUITE, answer.enc(), ephemeral, BrokerProtocol.DECRYPT_INFO, aad(key),
        answer.ciphertext())).as("a decrypt answer's info").isInstanceOf(HpkeException.class);
    assertThatThrownBy(() -> Hpke.open(BrokerProtocol.SUITE, answer.enc(), ephemeral, BrokerProtocol.RELEASE_INFO,
        BrokerProtocol.answerAad("other-key", key.policyDigest()), answer.ciphertext())).as("another key id")
        .isInstanceOf(HpkeException.class);

    Decision last = fixture.log.decisions().getLast();
    assertThat(last.action()).isEqualTo("release");
    assertThat(last.accepted()).isTrue();
    assertThat(last.evidenceCid()).contains(Cid.of(Cid.RAW, evidence).toString());
    assertThat(last.policyDigest()).contains(Hex.encode(key.policyDigest()));
  }

  @Test
  void decrypt_evidenceMeetingThePolicy_returnsThePlaintextSealedToTheEphemeralKey() throws Exception {
    byte[] secret = "the oracle's signing key".getBytes(StandardCharsets.UTF_8);
    byte[] ciphertext = broker.encrypt("oracle-key", secret);
    assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("signing key");
    Challenge challenge = broker.challenge("oracle-key");
    HpkePrivateKey ephemeral = ephemeral();
    KeyBroker.Answer answer = broker.decrypt("oracle-key", challenge.challengeId(), attest(good, challenge, ephemeral),
        ephemeral.publicKey().toBytes(), ciphertext);
    assertThat(Hpke.open(BrokerProtocol.SUITE, answer.enc(), ephemeral, BrokerProtocol.DECRYPT_INFO, aad(key),
        answer.ciphertext())).isEqualTo(secret);
  }

  @Test
  void decrypt_ciphertextOfAnotherKey_isRefused() throws Exception {
    broker.create(ADMIN, "other", policy(0x11));
    byte[] ciphertext = broker.encrypt("other", new byte[] {1, 2, 3});
    Challenge challenge = broker.challenge("oracle-key");
    HpkePrivateKey ephemeral = ephemeral();
    assertRefused(() -> broker.decrypt("oracle-key", challenge.challengeId(), attest(good, challenge, ephemeral),
        ephemeral.publicKey().toBytes(), ciphertext), "broker.ciphertext");
  }

  @Test
  void release_wrongPcr0_isRefusedNamingTheMeasurement() throws Exception {
    assertReleaseRefused(fixture.enclave(0x22), "policy.nitro.measurement");
  }

  @Test
  void release_debugEnclave_isRefusedNamingDebug() throws Exception {
    assertReleaseRefused(fixture.debugEnclave(), "policy.debug");
  }

  @Test
  void release_simulatedEvidenceThePolicyDoesNotAccept_isRefusedNamingSimulated() throws Exception {
    String strict = "{\"nitro\": {\"pcrs\": {\"0\": [\"" + BrokerFixture.pcrHex(0x11) + "\"]}}}";
    broker.putPolicy(ADMIN, "oracle-key", ("{\"version\": 1, \"admins\": [\"alice\"], \"decrypt\": " + strict
        + ", \"release\": " + strict + "}").getBytes(StandardCharsets.UTF_8));
    assertReleaseRefused(good, "policy.simulated");
  }

  @Test
  void release_expiredChallenge_isRefused() throws Exception {
    Challenge challenge = broker.challenge("oracle-key");
    HpkePrivateKey ephemeral = ephemeral();
    byte[] evidence = attest(good, challenge, ephemeral);
    fixture.clock.advance(Duration.ofSeconds(61));
    assertRefused(() -> broker.release("oracle-key", challenge.challengeId(), evidence, ephemeral.publicKey().toBytes()),
        "broker.challenge-expired");
  }

  @Test
  void release_reusedChallenge_isRefused() throws Exception {
    Challenge challenge = broker.challenge("oracle-key");
    HpkePrivateKey ephemeral = ephemeral();
    byte[] evidence = attest(good, challenge, ephemeral);
    broker.release("oracle-key", challenge.challengeId(), evidence, ephemeral.publicKey().toBytes());
    assertRefused(() -> broker.release("oracle-key", challenge.challengeId(), evidence, ephemeral.publicKey().toBytes()),
        "broker.challenge-unknown");
  }

  @Test
  void release_challengeOfAnotherKey_isRefused() throws Exception {
    broker.create(ADMIN, "other", policy(0x11));
    Challenge challenge = broker.challenge("other");
    HpkePrivateKey ephemeral = ephemeral();
    assertRefused(() -> broker.release("oracle-key", challenge.challengeId(), attest(good, challenge, ephemeral),
        ephemeral.publicKey().toBytes()), "broker.challenge-key");
  }

  @Test
  void release_ephemeralKeyNotBoundInTheEvidence_isRefusedNamingTheNonce() throws Exception {
    Challenge challenge = broker.challenge("oracle-key");
    byte[] evidence = attest(good, challenge, ephemeral());
    assertRefused(() -> broker.release("oracle-key", challenge.challengeId(), evidence, ephemeral().publicKey().toBytes()),
        "nitro.nonce");
  }

  @Test
  void release_evidenceForAnOldNonce_isRefusedNamingTheNonce() throws Exception {
    Challenge old = broker.challenge("oracle-key");
    HpkePrivateKey ephemeral = ephemeral();
    byte[] stale = attest(good, old, ephemeral);
    Challenge fresh = broker.challenge("oracle-key");
    assertRefused(() -> broker.release("oracle-key", fresh.challengeId(), stale, ephemeral.publicKey().toBytes()),
        "nitro.nonce");
  }

  @Test
  void release_notPermittedByThePolicy_isRefused() throws Exception {
    String appraisal = "{\"acceptSimulated\": true}";
    broker.putPolicy(ADMIN, "oracle-key", ("{\"version\": 1, \"admins\": [\"alice\"], \"decrypt\": " + appraisal
        + ", \"release\": null}").getBytes(StandardCharsets.UTF_8));
    assertReleaseRefused(good, "broker.release-not-permitted");
  }

  @Test
  void release_unknownKeyOrGarbage_isRefusedAndLogged() throws Exception {
    assertRefused(() -> broker.challenge("nope"), "broker.key-unknown");
    Challenge challenge = broker.challenge("oracle-key");
    assertRefused(() -> broker.release("oracle-key", challenge.challengeId(), new byte[] {1, 2, 3},
        ephemeral().publicKey().toBytes()), "evidence.format");
    assertRefused(() -> broker.release("oracle-key", "0011", new byte[] {1}, new byte[5]), "broker.challenge-unknown");
  }

  private void assertReleaseRefused(SimulatedNitroDevice enclave, String check) throws Exception {
    Challenge challenge = broker.challenge("oracle-key");
    HpkePrivateKey ephemeral = ephemeral();
    byte[] evidence = attest(enclave, challenge, ephemeral);
    assertRefused(() -> broker.release("oracle-key", challenge.challengeId(), evidence, ephemeral.publicKey().toBytes()), check);
  }

  private void assertRefused(ThrowingCallable call, String check) {
    int before = fixture.log.decisions().size();
    assertThatThrownBy(call).isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.check()).isEqualTo(check));
    if (!check.equals("broker.key-unknown") || fixture.log.decisions().size() > before) {
      Decision last = fixture.log.decisions().getLast();
      assertThat(last.accepted()).isFalse();
      assertThat(last.failedCheck()).contains(check);
    }
  }
}
