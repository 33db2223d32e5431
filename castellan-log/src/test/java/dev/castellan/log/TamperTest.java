package dev.castellan.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.log.storage.EmbeddedStorage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changing, dropping or reordering stored records is found by verification, naming the first bad index. */
class TamperTest {
  static final int RECORDS = 12;
  @TempDir Path dataDir;
  Path file;
  byte[] original;
  List<long[]> frames; // {offset, length including header}

  @BeforeEach
  void writeLog() throws Exception {
    RecordSigner signer = TestKeys.ed25519();
    try (TransparencyLog log = LocalLog.open(dataDir, "castellan.test/log", LogOptions.DEFAULTS, new LogMetrics())) {
      for (int i = 0; i < RECORDS; i++) {
        // One checkpoint per record, so the history can narrow damage down to one record.
        log.appendAndProve(signer.sign(("evidence " + i).getBytes(StandardCharsets.UTF_8))).get();
      }
    }
    file = LocalLog.logDirectory(dataDir).resolve("records.log");
    original = Files.readAllBytes(file);
    frames = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(original);
    while (b.position() < original.length) {
      int length = b.getInt(b.position());
      frames.add(new long[] {b.position(), 16 + length});
      b.position(b.position() + 16 + length);
    }
    assertThat(frames).hasSize(RECORDS);
    verify(); // the untouched log verifies
  }

  private LogVerifier.Report verify() throws Exception {
    try (EmbeddedStorage storage = LocalLog.openReadOnly(dataDir)) {
      return LogVerifier.verify(storage, "castellan.test/log", LocalLog.checkpointVerifier(dataDir),
          Optional.empty(), LogVerifier.Progress.NONE, new LogMetrics());
    }
  }

  private long firstBadIndex() {
    try {
      verify();
    } catch (LogCorruptionException e) {
      return e.index();
    } catch (Exception e) {
      throw new AssertionError("expected LogCorruptionException, got " + e, e);
    }
    throw new AssertionError("tampering was not detected");
  }

  @Test
  void verify_anyByteOfAnyRecordChanged_namesThatRecord() throws Exception {
    for (int r = 0; r < RECORDS; r++) {
      long[] frame = frames.get(r);
      for (long offset = frame[0]; offset < frame[0] + frame[1]; offset += 5) {
        byte[] tampered = original.clone();
        tampered[(int) offset] ^= 0x01;
        Files.write(file, tampered);
        assertThat(firstBadIndex()).as("byte %d of record %d", offset - frame[0], r).isEqualTo(r);
      }
    }
  }

  @Test
  void verify_recordDropped_namesItsIndex() throws Exception {
    for (int r : new int[] {0, 5, RECORDS - 1}) {
      Files.write(file, without(r));
      assertThat(firstBadIndex()).isEqualTo(r);
    }
  }

  @Test
  void verify_twoRecordsSwapped_namesTheFirst() throws Exception {
    Files.write(file, swapped(3, 8, false));
    assertThat(firstBadIndex()).isEqualTo(3);
  }

  @Test
  void verify_swapWithRewrittenIndicesAndChecksums_treeMismatchDetected() throws Exception {
    // An attacker who knows the frame format: only the signed checkpoint can tell.
    Files.write(file, swapped(3, 8, true));
    assertThat(firstBadIndex()).isEqualTo(3); // narrowed down by the checkpoint history
    Files.delete(LocalLog.logDirectory(dataDir).resolve("checkpoints.log"));
    assertThatThrownBy(this::verify).isInstanceOf(LogCorruptionException.class)
        .hasMessageContaining("does not match the signed checkpoint");
  }

  @Test
  void verify_dataChangedAndResignedByAnotherKeyWithValidFrame_treeMismatchDetected() throws Exception {
    LogRecord forged = TestKeys.ed25519().sign("forged".getBytes(StandardCharsets.UTF_8));
    Files.write(file, replaced(4, forged.encoded()));
    assertThatThrownBy(this::verify).isInstanceOf(LogCorruptionException.class)
        .hasMessageContaining("records 4 to 4 were changed or reordered");
  }

  @Test
  void verify_signatureBrokenWithValidFrame_namesRecord() throws Exception {
    LogRecord good = LogRecord.decode(payload(6));
    byte[] signature = good.signature();
    signature[10] ^= 1;
    Files.write(file, replaced(6, LogRecord.of(good.data(), signature, good.pubkey()).encoded()));
    assertThat(firstBadIndex()).isEqualTo(6);
  }

  @Test
  void open_damageCoveredByCheckpoint_refusedNamingIndex() throws Exception {
    byte[] tampered = original.clone();
    tampered[(int) frames.get(2)[0] + 20] ^= 1;
    Files.write(file, tampered);
    assertThatThrownBy(() -> LocalLog.open(dataDir, "x", LogOptions.DEFAULTS, new LogMetrics()))
        .isInstanceOf(LogCorruptionException.class)
        .satisfies(e -> assertThat(((LogCorruptionException) e).index()).isEqualTo(2));
  }

  @Test
  void open_tornTailBeyondCheckpoint_truncatedAndLogContinues() throws Exception {
    byte[] torn = java.util.Arrays.copyOf(original, original.length + 30);
    ByteBuffer.wrap(torn, original.length, 30).putInt(500).putLong(RECORDS);
    Files.write(file, torn);
    try (TransparencyLog log = LocalLog.open(dataDir, "x", LogOptions.DEFAULTS, new LogMetrics())) {
      assertThat(log.size()).isEqualTo(RECORDS);
      log.append(TestKeys.ed25519().sign(new byte[] {1})).get();
    }
    assertThat(verify().records()).isEqualTo(RECORDS + 1);
  }

  @Test
  void verify_badSignatureInSecondParallelChunk_namesExactIndex() throws Exception {
    Path big = dataDir.resolve("big");
    RecordSigner signer = TestKeys.ed25519();
    List<java.util.concurrent.CompletableFuture<AppendResult>> futures = new ArrayList<>();
    LogRecord victim = null;
    try (TransparencyLog log = LocalLog.open(big, "castellan.test/log", LogOptions.DEFAULTS, new LogMetrics())) {
      for (int i = 0; i < 5000; i++) {
        LogRecord record = signer.sign(("bulk " + i).getBytes(StandardCharsets.UTF_8));
        victim = i == 4500 ? record : victim;
        futures.add(log.append(record));
      }
      for (var f : futures) {
        f.get();
      }
    }
    Path bigFile = LocalLog.logDirectory(big).resolve("records.log");
    byte[] bytes = Files.readAllBytes(bigFile);
    byte[] encoded = victim.encoded();
    int at = indexOf(bytes, encoded);
    bytes[at + encoded.length - 1] ^= 1; // last signature byte; then fix the frame's CRC
    ByteBuffer frame = ByteBuffer.wrap(bytes);
    CRC32C crc = new CRC32C();
    crc.update(bytes, at - 16, 12);
    crc.update(bytes, at, encoded.length);
    frame.putInt(at - 4, (int) crc.getValue());
    Files.write(bigFile, bytes);
    try (EmbeddedStorage storage = LocalLog.openReadOnly(big)) {
      assertThatThrownBy(() -> LogVerifier.verify(storage, "castellan.test/log", LocalLog.checkpointVerifier(big),
          Optional.empty(), LogVerifier.Progress.NONE, new LogMetrics()))
          .isInstanceOf(LogCorruptionException.class)
          .satisfies(e -> assertThat(((LogCorruptionException) e).index()).isEqualTo(4500));
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("record not found in the file");
  }

  private byte[] payload(int r) {
    long[] f = frames.get(r);
    return java.util.Arrays.copyOfRange(original, (int) f[0] + 16, (int) (f[0] + f[1]));
  }

  private byte[] without(int r) {
    long[] f = frames.get(r);
    ByteBuffer out = ByteBuffer.allocate(original.length - (int) f[1]);
    out.put(original, 0, (int) f[0]).put(original, (int) (f[0] + f[1]), original.length - (int) (f[0] + f[1]));
    return out.array();
  }

  private byte[] swapped(int a, int b, boolean fixFrames) {
    ByteBuffer out = ByteBuffer.allocate(original.length + 64);
    for (int r = 0; r < RECORDS; r++) {
      int source = r == a ? b : r == b ? a : r;
      if (fixFrames) {
        frame(out, r, payload(source));
      } else {
        long[] f = frames.get(source);
        out.put(original, (int) f[0], (int) f[1]);
      }
    }
    return java.util.Arrays.copyOf(out.array(), out.position());
  }

  private byte[] replaced(int target, byte[] payload) {
    ByteBuffer out = ByteBuffer.allocate(original.length + payload.length + 16);
    for (int r = 0; r < RECORDS; r++) {
      frame(out, r, r == target ? payload : payload(r));
    }
    return java.util.Arrays.copyOf(out.array(), out.position());
  }

  private static void frame(ByteBuffer out, long index, byte[] payload) {
    int start = out.position();
    out.putInt(payload.length).putLong(index);
    CRC32C crc = new CRC32C();
    crc.update(out.array(), start, 12);
    crc.update(payload);
    out.putInt((int) crc.getValue()).put(payload);
  }
}
