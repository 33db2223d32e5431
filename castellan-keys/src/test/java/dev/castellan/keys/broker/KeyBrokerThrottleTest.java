package dev.castellan.keys.broker;

import static dev.castellan.keys.broker.BrokerFixture.ADMIN;
import static dev.castellan.keys.broker.BrokerFixture.ephemeral;
import static dev.castellan.keys.broker.BrokerFixture.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyBrokerThrottleTest {
  @TempDir Path temp;

  @Test
  void aFloodOfRefusedReleases_isTenRecordsAndOneCountedSummary_everyRefusalStillAnswered() throws Exception {
    BrokerFixture fixture = new BrokerFixture(temp);
    KeyBroker broker = fixture.open();
    broker.create(ADMIN, "oracle-key", policy(0x11));
    int before = fixture.log.decisions().size();
    byte[] ephemeral = ephemeral().publicKey().toBytes();
    for (int i = 0; i < 25; i++) {
      assertThatThrownBy(() -> broker.release("oracle-key", "no-such-challenge", new byte[] {1}, ephemeral))
          .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.check()).isEqualTo("broker.challenge-unknown"));
    }
    List<Decision> flood = fixture.log.decisions().subList(before, fixture.log.decisions().size());
    assertThat(flood).hasSize(RefusalThrottle.RECORDED_PER_WINDOW).noneMatch(Decision::summary);

    broker.flushSuppressed(false);
    assertThat(fixture.log.decisions()).as("the window is still open").hasSize(before + 10);
    fixture.clock.advance(KeyBroker.REFUSAL_WINDOW);
    broker.flushSuppressed(false);

    Decision summary = fixture.log.decisions().getLast();
    assertThat(summary.summary()).isTrue();
    assertThat(summary.suppressed()).isEqualTo(15);
    assertThat(summary.keyId()).isEqualTo("oracle-key");
    assertThat(summary.action()).isEqualTo("release");
    assertThat(summary.failedCheck()).contains("broker.challenge-unknown");
    assertThat(summary.evidenceCid()).isEmpty();
    assertThat(summary.policyDigest()).isPresent();
    assertThat(fixture.log.decisions()).hasSize(before + 11);
  }
}
