package dev.castellan.runtime.monitor;

import static dev.castellan.runtime.monitor.MonitorTest.sha3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.testkit.NatsServers;
import io.nats.client.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor with its hashes in NATS KV, against a real nats-server (skipped where it is absent). */
class NatsMonitorTest {
  @TempDir Path temp;

  @Test
  void changes_storedInTheFsHashesBucketUnderEncodedKeys() throws Exception {
    Path nats = Files.createDirectories(temp.resolve("nats"));
    try (NatsServers server = NatsServers.start(nats, 1); Connection ready = server.connect();
        MonitorFixture monitor = MonitorFixture.create(temp, IgnoreRules.none(), data -> NatsHashStore.connect(server.urls()))) {
      Files.createDirectories(monitor.watched.resolve("etc"));
      Files.writeString(monitor.watched.resolve("etc/app.conf"), "v1", StandardCharsets.UTF_8);
      monitor.start();
      assertThat(monitor.awaitOne().summary()).isEqualTo("created etc/app.conf");
      NatsHashStore store = (NatsHashStore) monitor.store();
      assertThat(store.get("etc/app.conf")).isEqualTo(sha3("v1"));
      // the raw entry, as another NATS client sees it
      assertThat(new String(ready.keyValue(NatsHashStore.BUCKET).get("ZXRj.YXBwLmNvbmY").getValue(), StandardCharsets.US_ASCII))
          .isEqualTo(sha3("v1"));

      Files.move(monitor.watched.resolve("etc/app.conf"), monitor.watched.resolve("etc/app.conf.bak"));
      assertThat(monitor.awaitOne().summary()).isEqualTo("renamed etc/app.conf -> etc/app.conf.bak");
      assertThat(store.get("etc/app.conf")).isNull();
      assertThat(store.get("etc/app.conf.bak")).isEqualTo(sha3("v1"));
      monitor.stop();

      // the state survives in the bucket: a restart over the same tree records nothing
      monitor.start();
      monitor.assertQuiet();
      assertThat(monitor.store().load()).containsOnlyKeys("etc/app.conf.bak");
      assertThat(monitor.closeAndVerify().records()).isEqualTo(2);
    }
  }

  @Test
  void connect_unreachableServer_throwsNamingTheUrl() throws IOException {
    String url = NatsServers.unreachableUrl();
    assertThatThrownBy(() -> NatsHashStore.connect(url)).isInstanceOf(IOException.class)
        .hasMessageStartingWith("cannot connect to " + url);
  }
}
