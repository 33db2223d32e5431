package dev.castellan.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.log.checkpoint.SignedCheckpoint;
import dev.castellan.log.merkle.ConsistencyProof;
import dev.castellan.log.merkle.InclusionProof;
import dev.castellan.log.merkle.TreeHasher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransparencyLogTest {
  @TempDir Path dataDir;

  private TransparencyLog open() throws Exception {
    return LocalLog.open(dataDir, "castellan.test/log", LogOptions.DEFAULTS, new LogMetrics());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void append_concurrentRecords_getDistinctSequentialIndicesInFewBatches() throws Exception {
    RecordSigner signer = TestKeys.ed25519();
    try (TransparencyLog log = open()) {
      List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        futures.add(log.append(signer.sign(bytes("record " + i))));
      }
      Set<Long> indices = new HashSet<>();
      for (CompletableFuture<AppendResult> f : futures) {
        AppendResult r = f.get();
        assertThat(r.duplicate()).isFalse();
        indices.add(r.index());
      }
      assertThat(indices).hasSize(2000).allMatch(i -> i >= 0 && i < 2000);
      LogMetrics.Snapshot m = log.metrics().snapshot();
      assertThat(m.appends()).isEqualTo(2000);
      assertThat(m.batches()).isLessThan(2000); // group commit: fewer fsyncs than records
      SignedCheckpoint cp = log.awaitCheckpoint(2000).get();
      assertThat(cp.checkpoint().size()).isEqualTo(2000);
      SignedCheckpoint.open(cp.note(), "castellan.test/log", log.checkpointVerifier());
    }
  }

  @Test
  void append_duplicate_returnsExistingIndex() throws Exception {
    RecordSigner signer = TestKeys.ecdsaP256();
    try (TransparencyLog log = open()) {
      LogRecord a = signer.sign(bytes("a"));
      AppendResult first = log.append(a).get();
      log.append(signer.sign(bytes("b"))).get();
      AppendResult again = log.append(a).get();
      assertThat(again.duplicate()).isTrue();
      assertThat(again.index()).isEqualTo(first.index());
      assertThat(log.size()).isEqualTo(2);
      assertThat(log.indexOf(a.cid())).hasValue(first.index());
    }
  }

  @Test
  void appendAndProve_receipt_verifiesAgainstItsCheckpoint() throws Exception {
    RecordSigner signer = TestKeys.ed25519();
    try (TransparencyLog log = open()) {
      SignedCheckpoint before = null;
      for (int i = 0; i < 40; i++) {
        LogRecord record = signer.sign(bytes("r" + i));
        AppendReceipt receipt = log.appendAndProve(record).get();
        var cp = SignedCheckpoint.open(receipt.checkpoint().note(), log.origin(), log.checkpointVerifier()).checkpoint();
        InclusionProof.verify(receipt.result().index(), cp.size(), TreeHasher.leafHash(record.encoded()),
            receipt.inclusionProof(), cp.rootHash());
        if (before != null && before.checkpoint().size() > 0) {
          long m = before.checkpoint().size();
          ConsistencyProof.verify(m, cp.size(), before.checkpoint().rootHash(), cp.rootHash(),
              log.consistencyProof(m, cp.size()));
        }
        before = receipt.checkpoint();
      }
    }
  }

  @Test
  void reopen_afterClose_keepsRecordsIndexAndCheckpoint() throws Exception {
    RecordSigner signer = TestKeys.ed25519();
    List<LogRecord> records = new ArrayList<>();
    try (TransparencyLog log = open()) {
      for (int i = 0; i < 10; i++) {
        records.add(signer.sign(bytes("r" + i)));
        log.append(records.getLast()).get();
      }
    }
    try (TransparencyLog log = open()) {
      assertThat(log.size()).isEqualTo(10);
      assertThat(log.checkpoint().checkpoint().size()).isEqualTo(10);
      for (int i = 0; i < 10; i++) {
        assertThat(log.record(i)).isEqualTo(records.get(i));
        assertThat(log.indexOf(records.get(i).cid())).hasValue(i);
      }
      assertThat(log.append(records.get(3)).get().index()).isEqualTo(3);
      assertThat(log.append(signer.sign(bytes("r10"))).get().index()).isEqualTo(10);
    }
    try (var storage = LocalLog.openReadOnly(dataDir)) {
      LogVerifier.Report report = LogVerifier.verify(storage, "castellan.test/log",
          LocalLog.checkpointVerifier(dataDir), Optional.empty(), LogVerifier.Progress.NONE, new LogMetrics());
      assertThat(report.records()).isEqualTo(11);
    }
  }

  @Test
  void checkpointInterval_long_waiterStillGetsCheckpointAndCloseCoversAll() throws Exception {
    RecordSigner signer = TestKeys.ed25519();
    try (TransparencyLog log = LocalLog.open(dataDir, "castellan.test/log",
        new LogOptions(1024, 1024, java.time.Duration.ofHours(1)), new LogMetrics())) {
      log.append(signer.sign(bytes("a"))).get();
      AppendReceipt receipt = log.appendAndProve(signer.sign(bytes("b"))).get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(receipt.checkpoint().checkpoint().size()).isEqualTo(2);
      log.append(signer.sign(bytes("c"))).get();
    }
    try (TransparencyLog log = open()) {
      assertThat(log.checkpoint().checkpoint().size()).isEqualTo(3);
    }
  }

  @Test
  void append_badSignature_refusedAndNothingStored() throws Exception {
    LogRecord good = TestKeys.ed25519().sign(bytes("x"));
    byte[] signature = good.signature();
    signature[0] ^= 1;
    try (TransparencyLog log = open()) {
      assertThatThrownBy(() -> log.append(LogRecord.of(good.data(), signature, good.pubkey())).get())
          .hasCauseInstanceOf(RecordException.class);
      assertThat(log.size()).isZero();
    }
  }

  @Test
  void verify_readerOpenedBeforeWriterAppendsMore_stillVerifiesItsSnapshot() throws Exception {
    RecordSigner signer = TestKeys.ed25519();
    try (TransparencyLog log = open()) {
      log.appendAndProve(signer.sign(bytes("first"))).get();
      try (var reader = LocalLog.openReadOnly(dataDir)) {
        for (int i = 0; i < 5; i++) {
          log.appendAndProve(signer.sign(bytes("more " + i))).get();
        }
        LogVerifier.Report report = LogVerifier.verify(reader, log.origin(), log.checkpointVerifier(),
            Optional.empty(), LogVerifier.Progress.NONE, new LogMetrics());
        assertThat(report.records()).isEqualTo(1);
      }
    }
  }

  @Test
  void open_secondWriterOnSameDirectory_refused() throws Exception {
    try (TransparencyLog log = open()) {
      assertThat(log.size()).isZero();
      assertThatThrownBy(this::open).hasMessageContaining("another writer");
    }
  }

  @Test
  void append_afterClose_failsWithLogException() throws Exception {
    TransparencyLog log = open();
    log.close();
    assertThatThrownBy(() -> log.append(TestKeys.ed25519().sign(bytes("x"))).get())
        .hasCauseInstanceOf(LogException.class);
  }

  @Test
  void append_queueFull_overloadedPushback() throws Exception {
    RecordSigner signer = TestKeys.ed25519();
    List<LogRecord> records = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      records.add(signer.sign(bytes("r" + i)));
    }
    try (TransparencyLog log = LocalLog.open(dataDir, "castellan.test/log",
        new LogOptions(8, 16, java.time.Duration.ZERO), new LogMetrics())) {
      List<CompletableFuture<AppendResult>> futures = records.stream().map(log::append).toList();
      long overloaded = futures.stream().filter(f -> {
        try {
          f.join();
          return false;
        } catch (java.util.concurrent.CompletionException e) {
          return e.getCause() instanceof LogOverloadedException;
        }
      }).count();
      assertThat(overloaded).isPositive();
      assertThat(log.metrics().snapshot().rejectedOverload()).isEqualTo(overloaded);
    }
  }
}
