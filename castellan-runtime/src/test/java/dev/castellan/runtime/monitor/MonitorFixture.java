package dev.castellan.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.log.LocalLog;
import dev.castellan.log.LogException;
import dev.castellan.log.LogMetrics;
import dev.castellan.log.LogOptions;
import dev.castellan.log.LogVerifier;
import dev.castellan.log.RecordKeys;
import dev.castellan.log.RecordSigner;
import dev.castellan.log.TransparencyLog;
import dev.castellan.log.note.NoteVerifier;
import dev.castellan.log.storage.EmbeddedStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A monitor over a temporary directory with its log in a temporary data directory, a short
 * debounce and a clock that advances one second per reading (so no two records are equal).
 */
final class MonitorFixture implements AutoCloseable {
  static final Duration DEBOUNCE = Duration.ofMillis(150);
  static final Instant EPOCH = Instant.parse("2026-12-04T00:00:00Z");

  /** Opens the hash store; called at every (re)start. */
  interface StoreFactory {
    HashStore open(Path data) throws IOException;
  }

  final Path watched;
  final Path data;
  private final IgnoreRules ignore;
  private final StoreFactory stores;
  private final TransparencyLog log;
  private final RecordSigner signer;
  private final AtomicLong ticks = new AtomicLong();
  private final BlockingQueue<Change> recorded = new LinkedBlockingQueue<>();
  private final List<String> skipped = new ArrayList<>();
  private final AtomicLong rescans = new AtomicLong();
  private HashStore store;
  private Monitor monitor;

  private MonitorFixture(Path watched, Path data, IgnoreRules ignore, StoreFactory stores)
      throws IOException, LogException, GeneralSecurityException {
    this.watched = watched;
    this.data = data;
    this.ignore = ignore;
    this.stores = stores;
    this.log = LocalLog.open(data, LocalLog.DEFAULT_ORIGIN, LogOptions.DEFAULTS, new LogMetrics());
    this.signer = RecordKeys.loadOrCreate(data.resolve("keys"), RecordKeys.Algorithm.ED25519);
  }

  static MonitorFixture create(Path temp, IgnoreRules ignore, StoreFactory stores) throws Exception {
    Path watched = Files.createDirectories(temp.resolve("watched"));
    return new MonitorFixture(watched, temp.resolve("data"), ignore, stores);
  }

  static MonitorFixture create(Path temp) throws Exception {
    return create(temp, IgnoreRules.none(), FileHashStore::open);
  }

  MonitorFixture start() throws IOException {
    return start(List.of(data));
  }

  MonitorFixture start(List<Path> excluded) throws IOException {
    store = stores.open(data);
    Clock clock = new Clock() {
      @Override
      public Instant instant() {
        return EPOCH.plusSeconds(ticks.getAndIncrement());
      }

      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    };
    MonitorOptions options = new MonitorOptions(ignore, DEBOUNCE, clock);
    monitor = Monitor.start(watched, excluded, store, new LogChangeSink(log, signer, watched.toRealPath().toString()),
        options, new MonitorListener() {
          @Override
          public void recorded(Change change) {
            recorded.add(change);
          }

          @Override
          public void rescanning() {
            rescans.incrementAndGet();
          }

          @Override
          public void skipped(String path, IOException reason) {
            synchronized (skipped) {
              skipped.add(path + ": " + reason);
            }
          }
        });
    return this;
  }

  /** Stops the monitor (the log stays open for the next start). */
  void stop() throws IOException {
    monitor.close();
    store.close();
    assertThat(monitor.stopped()).isCompleted();
  }

  /** As after an OVERFLOW event; waits until the rescan has run. */
  void rescan() throws InterruptedException {
    monitor.requestRescan();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (rescans.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(rescans.get()).as("rescans").isEqualTo(1);
    rescans.set(0);
  }

  HashStore store() {
    return store;
  }

  /** The next {@code n} changes recorded (the first within 10 s, each next within 5 s). */
  List<Change> await(int n) throws InterruptedException {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Change change = recorded.poll(i == 0 ? 10 : 5, TimeUnit.SECONDS);
      assertThat(change).as("change %d of %d after %s (failure: %s)", i + 1, n, changes, failure()).isNotNull();
      changes.add(change);
    }
    return changes;
  }

  Change awaitOne() throws InterruptedException {
    return await(1).get(0);
  }

  /** Nothing more is recorded within three debounce windows. */
  void assertQuiet() throws InterruptedException {
    Change extra = recorded.poll(DEBOUNCE.toMillis() * 3 + 200, TimeUnit.MILLISECONDS);
    assertThat(extra).as("an extra change").isNull();
  }

  private String failure() {
    return monitor.stopped().isCompletedExceptionally() ? monitor.stopped().exceptionNow().toString() : "none";
  }

  /** Every monitor record in the log, in order. */
  List<ChangeRecord.Entry> logged() throws IOException, LogException {
    List<ChangeRecord.Entry> entries = new ArrayList<>();
    for (long i = 0; i < log.size(); i++) {
      entries.add(ChangeRecord.decode(log.record(i).data()).orElseThrow());
    }
    return entries;
  }

  List<Change> loggedChanges() throws IOException, LogException {
    return logged().stream().map(ChangeRecord.Entry::change).toList();
  }

  /** Closes everything, then verifies the log with its checkpoint key: every record and the tree. */
  LogVerifier.Report closeAndVerify() throws Exception {
    close();
    NoteVerifier key = LocalLog.checkpointVerifier(data);
    try (EmbeddedStorage storage = LocalLog.openReadOnly(data)) {
      return LogVerifier.verify(storage, key.name(), key, Optional.empty(), LogVerifier.Progress.NONE, new LogMetrics());
    }
  }

  @Override
  public void close() throws IOException {
    if (monitor != null) {
      monitor.close();
      store.close();
    }
    log.close();
  }
}
