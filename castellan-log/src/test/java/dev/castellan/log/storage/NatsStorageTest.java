package dev.castellan.log.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.signature.Ed25519PrivateKey;
import dev.castellan.log.AppendResult;
import dev.castellan.log.LogException;
import dev.castellan.log.LogMetrics;
import dev.castellan.log.LogOptions;
import dev.castellan.log.LogRecord;
import dev.castellan.log.LogVerifier;
import dev.castellan.log.RecordSigner;
import dev.castellan.log.TransparencyLog;
import dev.castellan.log.note.NoteSigner;
import dev.castellan.testkit.NatsServers;
import io.nats.client.Connection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JetStream engine against real nats-server processes: one node, and a three-node cluster losing a node. */
@SuppressWarnings("try") // jnats Connection.close() declares InterruptedException
class NatsStorageTest {
  @TempDir Path dir;
  private final RecordSigner signer = RecordSigner.ed25519(Ed25519PrivateKey.generate(new SecureRandom()));

  private Map<Long, String> appendAll(TransparencyLog log, String prefix, int count) throws Exception {
    List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      futures.add(log.append(signer.sign((prefix + i).getBytes(StandardCharsets.UTF_8))));
    }
    Map<Long, String> acknowledged = new HashMap<>();
    for (CompletableFuture<AppendResult> f : futures) {
      AppendResult r = f.get();
      acknowledged.put(r.index(), r.cid());
    }
    return acknowledged;
  }

  private static void assertPresentAndVerifies(Connection connection, NatsStorage.Config config,
      NoteSigner key, Map<Long, String> acknowledged) throws Exception {
    try (NatsStorage storage = NatsStorage.open(connection, config)) {
      for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
        assertThat(LogRecord.decode(storage.read(ack.getKey())).cid()).isEqualTo(ack.getValue());
        assertThat(storage.indexOf(ack.getValue())).hasValue(ack.getKey());
      }
      LogVerifier.Report report = LogVerifier.verify(storage, key.name(), key.verifier(), Optional.empty(),
          LogVerifier.Progress.NONE, new LogMetrics());
      assertThat(report.records()).isEqualTo(acknowledged.size());
    }
  }

  @Test
  void singleNode_appendReopenDedupeAndVerify() throws Exception {
    NoteSigner key = NoteSigner.generate("castellan.test/nats", new SecureRandom());
    NatsStorage.Config config = new NatsStorage.Config("castellan-single", 1);
    try (NatsServers servers = NatsServers.start(dir, 1); Connection connection = servers.connect()) {
      Map<Long, String> acknowledged;
      try (TransparencyLog log = TransparencyLog.open(NatsStorage.open(connection, config), key)) {
        acknowledged = appendAll(log, "single ", 300);
        assertThat(log.awaitCheckpoint(300).get().checkpoint().size()).isEqualTo(300);
      }
      try (TransparencyLog log = TransparencyLog.open(NatsStorage.open(connection, config), key)) {
        assertThat(log.size()).isEqualTo(300);
        LogRecord again = log.record(7);
        AppendResult duplicate = log.append(again).get();
        assertThat(duplicate.duplicate()).isTrue();
        assertThat(duplicate.index()).isEqualTo(7);
        acknowledged.putAll(appendAll(log, "more ", 20));
      }
      assertPresentAndVerifies(connection, config, key, acknowledged);
    }
  }

  @Test
  void singleNode_secondWriter_refusedByExpectedLastSequence() throws Exception {
    NatsStorage.Config config = new NatsStorage.Config("castellan-writers", 1);
    try (NatsServers servers = NatsServers.start(dir, 1); Connection connection = servers.connect()) {
      NatsStorage first = NatsStorage.open(connection, config);
      NatsStorage second = NatsStorage.open(connection, config);
      LogRecord a = signer.sign(new byte[] {1});
      LogRecord b = signer.sign(new byte[] {2});
      first.append(0, List.of(new StoredRecord(a.cid(), a.encoded())));
      assertThatThrownBy(() -> second.append(0, List.of(new StoredRecord(b.cid(), b.encoded()))))
          .isInstanceOf(LogException.class).hasMessageContaining("another writer");
      assertThat(LogRecord.decode(NatsStorage.open(connection, config).read(0))).isEqualTo(a);
    }
  }

  @Test
  void threeNodeCluster_nodeLost_noAcknowledgedRecordLostAndAppendsContinue() throws Exception {
    NoteSigner key = NoteSigner.generate("castellan.test/cluster", new SecureRandom());
    NatsStorage.Config config = new NatsStorage.Config("castellan-cluster", 3);
    try (NatsServers servers = NatsServers.start(dir, 3); Connection connection = servers.connect()) {
      Map<Long, String> acknowledged = new HashMap<>();
      try (TransparencyLog log = TransparencyLog.open(NatsStorage.open(connection, config), key,
          LogOptions.DEFAULTS, new LogMetrics())) {
        acknowledged.putAll(appendAll(log, "before ", 200));
        // Kill the stream's leader: the hardest node to lose.
        String leader = connection.jetStreamManagement().getStreamInfo("castellan-cluster").getClusterInfo().getLeader();
        servers.kill(Integer.parseInt(leader.substring(1)));
        acknowledged.putAll(appendAll(log, "after ", 200));
        assertThat(log.awaitCheckpoint(400).get().checkpoint().size()).isEqualTo(400);
      }
      assertThat(acknowledged).hasSize(400);
      assertPresentAndVerifies(connection, config, key, acknowledged);
    }
  }
}
