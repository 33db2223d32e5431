package dev.castellan.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHashStoreTest {
  private static final String HASH_A = "a".repeat(128);
  private static final String HASH_B = "b".repeat(128);

  @Test
  void flush_thenReopen_keepsEveryEntryAndNoneRemoved(@TempDir Path data) throws IOException {
    try (FileHashStore store = FileHashStore.open(data)) {
      store.put("a.txt", HASH_A);
      store.put("dir/odd name\nwith newline", HASH_B);
      store.put("gone", HASH_B);
      store.remove("gone");
      store.flush();
    }
    try (FileHashStore store = FileHashStore.open(data)) {
      assertThat(store.load()).isEqualTo(Map.of("a.txt", HASH_A, "dir/odd name\nwith newline", HASH_B));
    }
    assertThat(Files.exists(data.resolve("monitor/hashes.tmp"))).isFalse();
  }

  @Test
  void openFile_keepsTheStoreInThatFile_andReopensIt(@TempDir Path data) throws IOException {
    Path file = data.resolve("ra/hashes");
    try (FileHashStore store = FileHashStore.openFile(file)) {
      store.put("a.txt", HASH_A);
    }
    assertThat(Files.isRegularFile(file)).isTrue();
    assertThat(Files.exists(data.resolve("monitor"))).isFalse();
    assertThat(FileHashStore.openFile(file).load()).isEqualTo(Map.of("a.txt", HASH_A));
  }

  @Test
  void put_withoutFlush_isNotOnDisk(@TempDir Path data) throws IOException {
    FileHashStore store = FileHashStore.open(data);
    store.put("a.txt", HASH_A);
    assertThat(FileHashStore.open(data).load()).isEmpty();
  }

  @Test
  void open_damagedLine_throwsNamingTheLine(@TempDir Path data) throws IOException {
    Files.createDirectories(data.resolve("monitor"));
    Files.writeString(data.resolve("monitor/hashes"), HASH_A + " YQ\nnot a line\n");
    assertThatThrownBy(() -> FileHashStore.open(data)).isInstanceOf(IOException.class).hasMessageContaining("line 2");
  }

  @Test
  void put_tooLongPath_throws(@TempDir Path data) throws IOException {
    FileHashStore store = FileHashStore.open(data);
    assertThatThrownBy(() -> store.put("x".repeat(FileHashStore.MAX_PATH_BYTES + 1), HASH_A))
        .isInstanceOf(IOException.class).hasMessageContaining("longer than");
  }
}
