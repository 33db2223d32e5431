package dev.castellan.keys.broker;

import static dev.castellan.keys.broker.BrokerFixture.ADMIN;
import static dev.castellan.keys.broker.BrokerFixture.attest;
import static dev.castellan.keys.broker.BrokerFixture.ephemeral;
import static dev.castellan.keys.broker.BrokerFixture.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.hpke.HpkePrivateKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyBrokerLockTest {
  @TempDir Path temp;
  BrokerFixture fixture;
  KeyBroker broker;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new BrokerFixture(temp);
    broker = fixture.open();
    broker.create(ADMIN, "k", policy(0x11));
  }

  private Path keyFile(String name) {
    return fixture.brokerDirectory.resolve("k").resolve(name);
  }

  private static void assertCheck(ThrowingCallable call, String check) {
    assertThatThrownBy(call).isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.check()).isEqualTo(check));
  }

  private void assertEveryAdminCallFails(KeyBroker b, String check) {
    assertCheck(() -> b.putPolicy(ADMIN, "k", policy(0x22)), check);
    assertCheck(() -> b.delete(ADMIN, "k"), check);
    assertCheck(() -> b.lock(ADMIN, "k"), check);
    assertCheck(() -> b.create(ADMIN, "k", policy(0x22)), "broker.key-exists");
  }

  @Test
  void lock_makesEveryAdminCallFail_andIsLogged() throws Exception {
    KeyView locked = broker.lock(ADMIN, "k");
    assertThat(locked.locked()).isTrue();
    assertThat(fixture.log.latestAdministrative("k").orElseThrow().locked()).isTrue();
    assertEveryAdminCallFails(broker, "broker.locked");
    assertThat(fixture.log.decisions()).filteredOn(d -> !d.accepted())
        .extracting(d -> d.failedCheck().orElseThrow()).contains("broker.locked");
  }

  @Test
  void lock_keyStillReleasesUnderItsPolicy() throws Exception {
    broker.lock(ADMIN, "k");
    Challenge challenge = broker.challenge("k");
    HpkePrivateKey ephemeral = ephemeral();
    broker.release("k", challenge.challengeId(), attest(fixture.enclave(0x11), challenge, ephemeral),
        ephemeral.publicKey().toBytes());
  }

  @Test
  void adminCalls_byAPrincipalNotInAdmins_areRefused() {
    assertCheck(() -> broker.putPolicy("mallory", "k", policy(0x22)), "broker.admin");
    assertCheck(() -> broker.lock("mallory", "k"), "broker.admin");
    assertCheck(() -> broker.delete("mallory", "k"), "broker.admin");
    assertCheck(() -> broker.create("mallory", "k2", policy(0x22)), "broker.admin");
  }

  @Test
  void lock_survivesARestart() throws Exception {
    broker.lock(ADMIN, "k");
    KeyBroker again = fixture.open();
    assertThat(again.describe("k").locked()).isTrue();
    assertEveryAdminCallFails(again, "broker.locked");
  }

  @Test
  void editedPolicyFile_isRefusedAtLoad() throws Exception {
    broker.lock(ADMIN, "k");
    Files.write(keyFile(BrokerKeys.POLICY_FILE), policy(0x22)); // widen the policy behind the broker's back
    KeyBroker again = fixture.open();
    assertCheck(() -> again.describe("k"), "broker.policy-changed");
    assertCheck(() -> again.challenge("k"), "broker.policy-changed");
    assertEveryAdminCallFails(again, "broker.policy-changed");
  }

  @Test
  void rolledBackSealedState_isRefusedAtLoad() throws Exception {
    Path saved = temp.resolve("state-before-lock");
    Files.copy(keyFile(BrokerKeys.STATE_FILE), saved);
    broker.lock(ADMIN, "k");
    Files.copy(saved, keyFile(BrokerKeys.STATE_FILE), StandardCopyOption.REPLACE_EXISTING);
    KeyBroker again = fixture.open();
    assertCheck(() -> again.describe("k"), "broker.rollback");
    assertEveryAdminCallFails(again, "broker.rollback");
  }

  @Test
  void rolledBackPolicyChange_isRefusedAtLoad() throws Exception {
    Path savedState = temp.resolve("state");
    Path savedPolicy = temp.resolve("policy");
    Files.copy(keyFile(BrokerKeys.STATE_FILE), savedState);
    Files.copy(keyFile(BrokerKeys.POLICY_FILE), savedPolicy);
    broker.putPolicy(ADMIN, "k", policy(0x22));
    Files.copy(savedState, keyFile(BrokerKeys.STATE_FILE), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(savedPolicy, keyFile(BrokerKeys.POLICY_FILE), StandardCopyOption.REPLACE_EXISTING);
    assertCheck(() -> fixture.open().describe("k"), "broker.rollback");
  }

  @Test
  void putPolicy_survivesARestart_andTheInterruptedOneIsFinished() throws Exception {
    KeyView changed = broker.putPolicy(ADMIN, "k", policy(0x22));
    assertThat(fixture.open().describe("k").policyDigest()).isEqualTo(changed.policyDigest());
    // A put-policy that stopped after sealing its state, before renaming the pending file:
    Files.write(keyFile(BrokerKeys.PENDING_FILE), policy(0x22));
    Files.write(keyFile(BrokerKeys.POLICY_FILE), policy(0x11));
    assertThat(fixture.open().describe("k").policyDigest()).isEqualTo(changed.policyDigest());
    assertThat(keyFile(BrokerKeys.PENDING_FILE)).doesNotExist();
  }

  @Test
  void delete_removesTheKey_andARestoredCopyIsRemovedAtLoad() throws Exception {
    Path saved = temp.resolve("copy");
    Files.createDirectories(saved);
    Files.copy(keyFile(BrokerKeys.STATE_FILE), saved.resolve(BrokerKeys.STATE_FILE));
    Files.copy(keyFile(BrokerKeys.POLICY_FILE), saved.resolve(BrokerKeys.POLICY_FILE));
    broker.delete(ADMIN, "k");
    assertCheck(() -> broker.describe("k"), "broker.key-unknown");
    Files.createDirectories(keyFile("").getParent().resolve("k"));
    Files.copy(saved.resolve(BrokerKeys.STATE_FILE), keyFile(BrokerKeys.STATE_FILE));
    Files.copy(saved.resolve(BrokerKeys.POLICY_FILE), keyFile(BrokerKeys.POLICY_FILE));
    KeyBroker again = fixture.open();
    assertCheck(() -> again.describe("k"), "broker.key-unknown");
    assertThat(keyFile(BrokerKeys.STATE_FILE)).doesNotExist();
  }

  @Test
  void sealedStateNewerThanTheLog_isRecordedAtLoad() throws Exception {
    InMemoryDecisionLog fresh = new InMemoryDecisionLog();
    KeyBroker again = KeyBroker.open(fixture.brokerDirectory, fixture.brokerSealer, fresh, fixture.verifiers, fixture.clock,
        BrokerFixture.RANDOM);
    assertThat(again.describe("k").generation()).isEqualTo(1);
    assertThat(fresh.latestAdministrative("k").orElseThrow().action()).isEqualTo("recover");
  }
}
