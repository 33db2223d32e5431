package dev.castellan.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorTest {
  @TempDir Path temp;

  static String sha3(String content) {
    return Hex.encode(HashAlgorithm.SHA3_512.hash(content.getBytes(StandardCharsets.UTF_8)));
  }

  private static Path write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  @Test
  void createModifyRenameDelete_eachRecordedOnceAfterTheDebounce() throws Exception {
    try (MonitorFixture monitor = MonitorFixture.create(temp).start()) {
      Path a = write(monitor.watched.resolve("a.txt"), "one");
      assertThat(monitor.awaitOne()).isEqualTo(Change.created("a.txt", sha3("one"), MonitorFixture.EPOCH));
      monitor.assertQuiet();

      for (String content : List.of("two", "three", "four")) { // within one window: hashed once
        write(a, content);
      }
      Change modified = monitor.awaitOne();
      assertThat(modified.kind()).isEqualTo(ChangeKind.MODIFIED);
      assertThat(modified.oldHash()).contains(sha3("one"));
      assertThat(modified.newHash()).contains(sha3("four"));
      monitor.assertQuiet();

      Path b = Files.move(a, monitor.watched.resolve("b.txt"));
      Change renamed = monitor.awaitOne();
      assertThat(renamed.summary()).isEqualTo("renamed a.txt -> b.txt");
      assertThat(renamed.oldHash()).isEmpty();
      assertThat(renamed.newHash()).contains(sha3("four"));
      monitor.assertQuiet();

      Files.delete(b);
      Change deleted = monitor.awaitOne();
      assertThat(deleted.summary()).isEqualTo("deleted b.txt");
      assertThat(deleted.oldHash()).contains(sha3("four"));
      assertThat(deleted.newHash()).isEmpty();
      monitor.assertQuiet();

      assertThat(monitor.loggedChanges()).containsExactly(
          Change.created("a.txt", sha3("one"), MonitorFixture.EPOCH), modified, renamed, deleted);
      assertThat(monitor.logged()).allSatisfy(e -> assertThat(e.root()).isEqualTo(monitor.watched.toRealPath().toString()));
      assertThat(monitor.store().load()).isEmpty();
      assertThat(monitor.closeAndVerify().records()).isEqualTo(4);
    }
  }

  @Test
  void ignoredPaths_areNeverRecorded() throws Exception {
    IgnoreRules rules = IgnoreRules.parse(List.of("*.log", "cache/", "build/**", "!build/keep.txt"));
    try (MonitorFixture monitor = MonitorFixture.create(temp, rules, FileHashStore::open).start()) {
      write(monitor.watched.resolve("x.log"), "log");
      write(monitor.watched.resolve("sub/y.log"), "log");
      write(monitor.watched.resolve("cache/c.bin"), "cache");
      write(monitor.watched.resolve("build/out/o.class"), "class");
      write(monitor.watched.resolve("build/keep.txt"), "kept");
      write(monitor.watched.resolve("sub/k.txt"), "kept");
      assertThat(monitor.await(2)).extracting(Change::summary)
          .containsExactlyInAnyOrder("created build/keep.txt", "created sub/k.txt");
      write(monitor.watched.resolve("cache/later.bin"), "cache");
      write(monitor.watched.resolve("x.log"), "more log");
      monitor.assertQuiet();
      assertThat(monitor.closeAndVerify().records()).isEqualTo(2);
    }
  }

  @Test
  void newSubdirectory_filesCreatedBeforeAndAfterItsRegistration_areSeen() throws Exception {
    try (MonitorFixture monitor = MonitorFixture.create(temp).start()) {
      // created at once with the directories: before the watch of d1/d2 can exist
      write(monitor.watched.resolve("d1/d2/f.txt"), "deep");
      assertThat(monitor.awaitOne().summary()).isEqualTo("created d1/d2/f.txt");
      monitor.assertQuiet();
      write(monitor.watched.resolve("d1/d2/g.txt"), "later");
      assertThat(monitor.awaitOne().summary()).isEqualTo("created d1/d2/g.txt");
      monitor.assertQuiet();
    }
  }

  @Test
  void directoryRenamed_eachFileRenamedAndTheNewTreeWatched() throws Exception {
    try (MonitorFixture monitor = MonitorFixture.create(temp).start()) {
      write(monitor.watched.resolve("dir/a.txt"), "a");
      write(monitor.watched.resolve("dir/sub/b.txt"), "b");
      monitor.await(2);
      monitor.assertQuiet();
      Files.move(monitor.watched.resolve("dir"), monitor.watched.resolve("moved"));
      assertThat(monitor.await(2)).extracting(Change::summary)
          .containsExactlyInAnyOrder("renamed dir/a.txt -> moved/a.txt", "renamed dir/sub/b.txt -> moved/sub/b.txt");
      monitor.assertQuiet();
      write(monitor.watched.resolve("moved/sub/b.txt"), "b2");
      assertThat(monitor.awaitOne().summary()).isEqualTo("modified moved/sub/b.txt");
      monitor.assertQuiet();
    }
  }

  @Test
  void directoryDeleted_eachFileDeleted() throws Exception {
    try (MonitorFixture monitor = MonitorFixture.create(temp).start()) {
      write(monitor.watched.resolve("dir/a.txt"), "a");
      write(monitor.watched.resolve("dir/sub/b.txt"), "b");
      monitor.await(2);
      Files.delete(monitor.watched.resolve("dir/sub/b.txt"));
      Files.delete(monitor.watched.resolve("dir/sub"));
      Files.delete(monitor.watched.resolve("dir/a.txt"));
      Files.delete(monitor.watched.resolve("dir"));
      assertThat(monitor.await(2)).extracting(Change::summary)
          .containsExactlyInAnyOrder("deleted dir/a.txt", "deleted dir/sub/b.txt");
      monitor.assertQuiet();
    }
  }

  @Test
  void start_initialScanRecordsOnlyDifferencesToTheStoredState() throws Exception {
    try (MonitorFixture monitor = MonitorFixture.create(temp)) {
      write(monitor.watched.resolve("a.txt"), "a");
      write(monitor.watched.resolve("b.txt"), "b");
      write(monitor.watched.resolve("c.txt"), "c");
      write(monitor.watched.resolve("same.txt"), "same");
      monitor.start();
      assertThat(monitor.await(4)).extracting(Change::kind).containsOnly(ChangeKind.CREATED);
      monitor.stop();

      write(monitor.watched.resolve("b.txt"), "b2");
      Files.delete(monitor.watched.resolve("c.txt"));
      write(monitor.watched.resolve("d.txt"), "d");
      Files.move(monitor.watched.resolve("a.txt"), monitor.watched.resolve("e.txt"));
      monitor.start();
      assertThat(monitor.await(4)).extracting(Change::summary).containsExactlyInAnyOrder(
          "modified b.txt", "deleted c.txt", "created d.txt", "renamed a.txt -> e.txt");
      monitor.assertQuiet();
      assertThat(monitor.closeAndVerify().records()).isEqualTo(8);
    }
  }

  @Test
  void rescan_afterOverflow_recordsChangesOnceAndNothingUnchanged() throws Exception {
    try (MonitorFixture monitor = MonitorFixture.create(temp).start()) {
      write(monitor.watched.resolve("dir/a.txt"), "a");
      write(monitor.watched.resolve("b.txt"), "b");
      monitor.await(2);
      monitor.rescan();
      monitor.assertQuiet();
      write(monitor.watched.resolve("b.txt"), "b2");
      monitor.rescan(); // the rescan and the file's own events: one record
      assertThat(monitor.awaitOne().summary()).isEqualTo("modified b.txt");
      monitor.assertQuiet();
      assertThat(monitor.closeAndVerify().records()).isEqualTo(3);
    }
  }

  @Test
  void dataDirectoryInsideTheWatchedDirectory_isNotWatched() throws Exception {
    Path watched = Files.createDirectories(temp.resolve("watched"));
    try (MonitorFixture monitor = MonitorFixture.create(temp)) {
      Path inside = watched.resolve("castellan-data");
      Files.createDirectories(inside);
      monitor.start(List.of(monitor.data, inside));
      write(inside.resolve("log/x"), "the log writing");
      write(watched.resolve("f.txt"), "f");
      assertThat(monitor.awaitOne().summary()).isEqualTo("created f.txt");
      monitor.assertQuiet();
    }
  }

  @Test
  void start_missingDirectory_throwsNamingIt() {
    Path missing = temp.resolve("missing");
    assertThatThrownBy(() -> Monitor.start(missing, List.of(), FileHashStore.open(temp.resolve("data")),
        change -> {}, MonitorOptions.defaults(), MonitorListener.NONE))
        .isInstanceOf(IOException.class).hasMessage("directory " + missing + ": does not exist");
  }

  @Test
  void sinkFailure_stopsTheMonitor() throws Exception {
    Path watched = Files.createDirectories(temp.resolve("w"));
    Monitor monitor = Monitor.start(watched, List.of(), FileHashStore.open(temp.resolve("data")),
        change -> {
          throw new IOException("log unavailable");
        }, MonitorOptions.defaults().withDebounce(MonitorFixture.DEBOUNCE), MonitorListener.NONE);
    write(watched.resolve("f"), "x");
    assertThatThrownBy(() -> monitor.stopped().get(10, java.util.concurrent.TimeUnit.SECONDS))
        .hasRootCauseMessage("log unavailable");
    monitor.close();
    assertThat(Optional.of(monitor.stopped().isCompletedExceptionally())).contains(true);
  }
}
