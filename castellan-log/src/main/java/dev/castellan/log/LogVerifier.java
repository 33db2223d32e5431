package dev.castellan.log;

import dev.castellan.log.checkpoint.SignedCheckpoint;
import dev.castellan.log.merkle.ConsistencyProof;
import dev.castellan.log.merkle.HashTree;
import dev.castellan.log.merkle.TreeHasher;
import dev.castellan.log.note.NoteException;
import dev.castellan.log.note.NoteVerifier;
import dev.castellan.log.storage.LogStorage;
import java.io.IOException;
import dev.castellan.log.internal.RecordVerifiers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Full verification of a stored log, independent of the writer: the checkpoint's signature
 * and origin, every record's framing and signature, the whole tree against the checkpoint's
 * root, and consistency with a checkpoint the caller saw before.
 *
 * <p>{@link #verify} returns only if all of it holds; otherwise it throws naming the first
 * bad record index where the damage can be tied to one (a changed, dropped or reordered
 * record), so that a report points at the evidence.
 */
public final class LogVerifier {
  private LogVerifier() {}

  /** Called as records are verified; for progress bars on large logs. */
  @FunctionalInterface
  public interface Progress {
    void update(long verified, long total);

    Progress NONE = (verified, total) -> {};
  }

  /**
   * What was verified.
   *
   * @param records records read and verified (may exceed the checkpoint's size)
   * @param checkpoint the log's latest checkpoint, verified
   * @param trustedSize the size of the trusted checkpoint proved consistent, or -1 if none was given
   */
  public record Report(long records, SignedCheckpoint checkpoint, long trustedSize) {}

  /**
   * Verifies {@code storage}. {@code trusted} is a checkpoint note seen before (for example
   * saved by a client); the log MUST have only appended since.
   */
  public static Report verify(LogStorage storage, String origin, NoteVerifier key,
      Optional<byte[]> trusted, Progress progress, LogMetrics metrics) throws IOException, LogException {
    try {
      return check(storage, origin, key, trusted, progress);
    } catch (LogException e) {
      metrics.recordVerificationFailure();
      throw e;
    }
  }

  /**
   * The records still frame and verify, but the tree does not match the checkpoint: someone
   * who knows the format changed or reordered them. Earlier signed checkpoints narrow it down
   * to the records between the last one that still matches and the first that does not.
   */
  private static LogCorruptionException localize(LogStorage storage, String origin, NoteVerifier key,
      HashTree tree, long covered) throws IOException {
    long good = 0;
    long bad = covered;
    for (byte[] note : storage.checkpointHistory()) {
      SignedCheckpoint old;
      try {
        old = SignedCheckpoint.open(note, origin, key);
      } catch (NoteException e) {
        continue; // not ours, or damaged: proves nothing either way
      }
      long size = old.checkpoint().size();
      if (size == 0 || size > covered) {
        continue;
      }
      if (Arrays.equals(tree.root(size), old.checkpoint().rootHash())) {
        good = Math.max(good, size);
      } else {
        bad = Math.min(bad, size);
      }
    }
    if (good < bad && (good > 0 || bad < covered)) {
      return new LogCorruptionException(good, String.format(Locale.ROOT,
          "records %d to %d were changed or reordered: the tree matches the signed checkpoint of size %d"
              + " but not the one of size %d", good, bad - 1, good, bad));
    }
    return new LogCorruptionException(-1, String.format(Locale.ROOT,
        "the tree of the first %d records does not match the signed checkpoint", covered));
  }

  /** Records whose signatures are verified in parallel before they enter the tree in order. */
  private static final int CHUNK = 4096;

  /** Verifies a chunk's signatures on all cores; the lowest failing index is reported. */
  private static void verifyChunk(long first, List<byte[]> chunk, RecordVerifiers verifiers, HashTree tree)
      throws LogCorruptionException {
    String[] problems = new String[chunk.size()];
    IntStream.range(0, chunk.size()).parallel().forEach(k -> {
      try {
        LogRecord.decode(chunk.get(k)).verifySignature(verifiers);
      } catch (RecordException e) {
        problems[k] = e.getMessage();
      }
    });
    for (int k = 0; k < problems.length; k++) {
      if (problems[k] != null) {
        throw new LogCorruptionException(first + k, problems[k]);
      }
    }
    for (byte[] bytes : chunk) {
      tree.appendLeafHash(TreeHasher.leafHash(bytes));
    }
  }

  private static Report check(LogStorage storage, String origin, NoteVerifier key,
      Optional<byte[]> trusted, Progress progress) throws IOException, LogException {
    byte[] note = storage.checkpoint()
        .orElseThrow(() -> new LogCorruptionException(-1, "the log has no checkpoint"));
    SignedCheckpoint checkpoint;
    try {
      checkpoint = SignedCheckpoint.open(note, origin, key);
    } catch (NoteException e) {
      throw new LogCorruptionException(-1, "the checkpoint does not verify: " + e.getMessage());
    }
    long size = storage.size();
    HashTree tree = new HashTree();
    RecordVerifiers verifiers = new RecordVerifiers();
    List<byte[]> chunk = new ArrayList<>(CHUNK);
    long[] chunkStart = {0};
    storage.scan(0, size, (i, bytes) -> {
      if (chunk.isEmpty()) {
        chunkStart[0] = i;
      }
      chunk.add(bytes);
      if (chunk.size() == CHUNK || i == size - 1) {
        verifyChunk(chunkStart[0], chunk, verifiers, tree);
        chunk.clear();
        progress.update(i + 1, size);
      }
    });
    Optional<LogCorruptionException> damage = storage.damage();
    if (damage.isPresent()) {
      throw damage.get();
    }
    long covered = checkpoint.checkpoint().size();
    if (covered > size) {
      throw new LogCorruptionException(size, String.format(Locale.ROOT,
          "missing: the checkpoint covers %d records but the log has %d", covered, size));
    }
    if (!Arrays.equals(tree.root(covered), checkpoint.checkpoint().rootHash())) {
      throw localize(storage, origin, key, tree, covered);
    }
    long trustedSize = -1;
    if (trusted.isPresent()) {
      SignedCheckpoint old;
      try {
        old = SignedCheckpoint.open(trusted.get(), origin, key);
      } catch (NoteException e) {
        throw new NoteException("the trusted checkpoint does not verify: " + e.getMessage());
      }
      trustedSize = old.checkpoint().size();
      if (trustedSize > covered) {
        throw new LogCorruptionException(covered, String.format(Locale.ROOT,
            "the log's checkpoint (%d records) is smaller than the trusted one (%d): records were removed",
            covered, trustedSize));
      }
      if (trustedSize > 0) {
        try {
          ConsistencyProof.verify(trustedSize, covered, old.checkpoint().rootHash(),
              checkpoint.checkpoint().rootHash(), tree.consistencyProof(trustedSize, covered));
        } catch (ProofException e) {
          throw new LogCorruptionException(-1, String.format(Locale.ROOT,
              "the log is not consistent with the trusted checkpoint of size %d: history was rewritten", trustedSize));
        }
      }
    }
    return new Report(size, checkpoint, trustedSize);
  }
}
