package dev.castellan.log;

import dev.castellan.log.checkpoint.Checkpoint;
import dev.castellan.log.checkpoint.SignedCheckpoint;
import dev.castellan.log.merkle.HashTree;
import dev.castellan.log.merkle.TreeHasher;
import dev.castellan.log.note.NoteException;
import dev.castellan.log.note.NoteSigner;
import dev.castellan.log.note.NoteVerifier;
import dev.castellan.log.storage.LogStorage;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The log: a single writer that owns the lifecycle of every append (Tessera's model) over a
 * {@link LogStorage} engine.
 *
 * <p>Lifecycle of an append: the record is queued; the writer takes every queued record (up
 * to {@link LogOptions#maxBatchSize()}), drops duplicates (same CID: the existing index is
 * returned), makes the rest durable in one storage batch (one fsync: group commit), and only
 * then completes each {@link #append} future with its index, and integrates the batch into
 * the Merkle tree. A second thread, the checkpointer, signs and stores a checkpoint of what
 * was integrated (overlapping the next batch's fsync), which completes
 * {@link #awaitCheckpoint} futures. Guarantees:
 *
 * <ul>
 *   <li>A future from {@link #append} MUST complete normally only once the record is durable.
 *   <li>Every checkpoint this log signs is consistent with every earlier one it signed: on
 *       open, the stored checkpoint is verified against the stored records and the log
 *       refuses to start when they disagree.
 *   <li>Futures complete on a separate executor, never on the writer thread, so callbacks may
 *       block without stalling the log.
 * </ul>
 */
public final class TransparencyLog implements Closeable {
  private final LogStorage storage;
  private final NoteSigner key;
  private final LogOptions options;
  private final LogMetrics metrics;
  private final HashTree tree = new HashTree();
  private final ArrayBlockingQueue<Pending> queue;
  private final ExecutorService completions = Executors.newVirtualThreadPerTaskExecutor();
  private final Checkpointer checkpoints;
  private final dev.castellan.log.internal.RecordVerifiers verifiers = new dev.castellan.log.internal.RecordVerifiers();
  private final Thread writer;
  private final Thread checkpointer;
  private volatile boolean closed;
  private volatile Exception failure;
  private long durableSize;

  private record Pending(LogRecord record, CompletableFuture<AppendResult> future, long enqueuedNanos) {}

  private TransparencyLog(LogStorage storage, NoteSigner key, LogOptions options, LogMetrics metrics) {
    this.storage = storage;
    this.key = key;
    this.options = options;
    this.metrics = metrics;
    this.queue = new ArrayBlockingQueue<>(options.maxPending());
    this.writer = Thread.ofPlatform().name("castellan-log-writer").daemon().unstarted(this::run);
    this.checkpoints = new Checkpointer(storage, key, tree, metrics, completions, options, this::stopped);
    this.checkpointer = Thread.ofPlatform().name("castellan-log-checkpointer").daemon().unstarted(checkpoints::run);
  }

  /**
   * Opens the log over {@code storage} with the checkpoint key {@code key}, whose name is the
   * log's origin. Rebuilds the tree from the stored records, checks that the stored
   * checkpoint verifies and matches them, publishes a checkpoint for records not yet covered,
   * and starts the writer. The log owns {@code storage} from here on and closes it.
   */
  public static TransparencyLog open(LogStorage storage, NoteSigner key, LogOptions options, LogMetrics metrics)
      throws IOException, LogException {
    TransparencyLog log = new TransparencyLog(storage, key, options, metrics);
    try {
      log.recover();
    } catch (IOException | LogException | RuntimeException e) {
      storage.close();
      throw e;
    }
    log.writer.start();
    log.checkpointer.start();
    return log;
  }

  public static TransparencyLog open(LogStorage storage, NoteSigner key) throws IOException, LogException {
    return open(storage, key, LogOptions.DEFAULTS, new LogMetrics());
  }

  private void recover() throws IOException, LogException {
    long size = storage.size();
    storage.scan(0, size, (index, bytes) -> tree.appendLeafHash(TreeHasher.leafHash(bytes)));
    durableSize = size;
    var stored = storage.checkpoint();
    SignedCheckpoint verified = null;
    if (stored.isPresent()) {
      SignedCheckpoint checkpoint;
      try {
        checkpoint = SignedCheckpoint.open(stored.get(), origin(), key.verifier());
      } catch (NoteException e) {
        throw new LogCorruptionException(-1, "the stored checkpoint does not verify with this log's key: " + e.getMessage());
      }
      long covered = checkpoint.checkpoint().size();
      if (covered > size) {
        throw new LogCorruptionException(size, String.format(Locale.ROOT,
            "missing: the checkpoint covers %d records but %d are stored", covered, size));
      }
      if (!java.util.Arrays.equals(tree.root(covered), checkpoint.checkpoint().rootHash())) {
        throw new LogCorruptionException(-1, String.format(Locale.ROOT,
            "the stored records do not match the signed checkpoint of size %d", covered));
      }
      verified = checkpoint;
    }
    checkpoints.start(verified, size);
  }

  /** The origin: the first line of every checkpoint, and the checkpoint key's name. */
  public String origin() {
    return key.name();
  }

  /** The checkpoint verifier key (C2SP vkey via {@link NoteVerifier#vkey()}). */
  public NoteVerifier checkpointVerifier() {
    return key.verifier();
  }

  public LogMetrics metrics() {
    return metrics;
  }

  /**
   * Verifies {@code record}'s signature (in the caller's thread, so verification scales with
   * callers) and queues it; the future completes with its index once it is durable, or with
   * {@link RecordException} for a bad signature, {@link LogOverloadedException} when the queue
   * is full, or the storage's failure. A record that does not verify is never stored: it would
   * make the whole log fail verification.
   */
  public CompletableFuture<AppendResult> append(LogRecord record) {
    CompletableFuture<AppendResult> future = new CompletableFuture<>();
    try {
      record.verifySignature(verifiers);
    } catch (RecordException e) {
      future.completeExceptionally(e);
      return future;
    }
    Exception failed = failure != null ? failure : checkpoints.failure();
    if (failed != null || closed) {
      future.completeExceptionally(failed != null
          ? new LogException("the log stopped after a storage failure", failed)
          : new LogException("the log is closed"));
      return future;
    }
    if (!queue.offer(new Pending(record, future, System.nanoTime()))) {
      metrics.recordOverload();
      future.completeExceptionally(new LogOverloadedException("the log's append queue is full; retry later"));
    }
    return future;
  }

  /**
   * Appends, then waits for a checkpoint that covers the record and proves its inclusion in
   * it: what a server returns to a client.
   */
  public CompletableFuture<AppendReceipt> appendAndProve(LogRecord record) {
    return append(record).thenCompose(result -> awaitCheckpoint(result.index() + 1)
        .thenApply(checkpoint -> new AppendReceipt(result, checkpoint,
            tree.inclusionProof(result.index(), checkpoint.checkpoint().size()))));
  }

  /** Completes with the first published checkpoint whose size is at least {@code size}. */
  public CompletableFuture<SignedCheckpoint> awaitCheckpoint(long size) {
    return checkpoints.await(size, closed || failure != null);
  }

  /** The latest signed checkpoint (its note is what {@code GET /checkpoint} serves verbatim). */
  public SignedCheckpoint checkpoint() {
    return checkpoints.latest();
  }

  /** The number of durable records (may be ahead of the latest checkpoint). */
  public long size() throws IOException {
    return storage.size();
  }

  /** The exact stored bytes of record {@code index} (what {@code --raw} writes). */
  public byte[] recordBytes(long index) throws IOException, LogCorruptionException {
    checkIndex(index);
    return storage.read(index);
  }

  /** Record {@code index}, decoded. */
  public LogRecord record(long index) throws IOException, LogException {
    return LogRecord.decode(recordBytes(index));
  }

  /** The index of the record with this CID, if it is in the log. */
  public OptionalLong indexOf(String cid) throws IOException {
    return storage.indexOf(cid);
  }

  /** Inclusion proof of record {@code index} in the tree of {@code treeSize} (at most the latest checkpoint's size). */
  public List<byte[]> inclusionProof(long index, long treeSize) {
    return tree.inclusionProof(index, treeSize);
  }

  /** Consistency proof from {@code size1} to {@code size2}, {@code 0 < size1 <= size2 <=} the integrated size. */
  public List<byte[]> consistencyProof(long size1, long size2) {
    return tree.consistencyProof(size1, size2);
  }

  /** The Merkle leaf hash of record {@code index}. */
  public byte[] leafHash(long index) {
    return tree.leafHash(index);
  }

  /**
   * Writes the latest checkpoint's tree as C2SP tlog-tiles static files under {@code directory},
   * for serving the log as files; full tiles already there are kept.
   */
  public void writeTiles(java.nio.file.Path directory) throws IOException, LogException {
    dev.castellan.log.tiles.TileWriter.write(directory, checkpoints.latest(), tree, this::recordBytes);
  }

  private void checkIndex(long index) throws IOException {
    long size = storage.size();
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "no record %d in a log of %d records", index, size));
    }
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    try {
      while (true) {
        Pending first;
        try {
          first = queue.poll(20, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          first = null;
          closed = true;
        }
        if (first == null) {
          if (closed && queue.isEmpty()) {
            break;
          }
          continue;
        }
        batch.clear();
        batch.add(first);
        queue.drainTo(batch, options.maxBatchSize() - 1);
        if (!writeBatch(batch)) {
          break;
        }
      }
    } finally {
      checkpoints.writerDone();
      failQueued();
    }
  }

  private boolean writeBatch(List<Pending> batch) {
    List<dev.castellan.log.storage.StoredRecord> fresh = new ArrayList<>();
    java.util.Map<String, Long> batchIndex = new java.util.HashMap<>();
    AppendResult[] results = new AppendResult[batch.size()];
    long next = durableSize;
    long bytes = 0;
    int duplicates = 0;
    try {
      for (int i = 0; i < batch.size(); i++) {
        LogRecord record = batch.get(i).record();
        String cid = record.cid();
        Long existing = batchIndex.get(cid);
        if (existing == null) {
          OptionalLong stored = storage.indexOf(cid);
          existing = stored.isPresent() ? stored.getAsLong() : null;
        }
        if (existing != null) {
          results[i] = new AppendResult(existing, cid, true);
          duplicates++;
          continue;
        }
        batchIndex.put(cid, next);
        results[i] = new AppendResult(next++, cid, false);
        byte[] encoded = record.encoded();
        bytes += encoded.length;
        fresh.add(new dev.castellan.log.storage.StoredRecord(cid, encoded));
      }
      if (!fresh.isEmpty()) {
        storage.append(durableSize, fresh);
      }
    } catch (IOException | LogException | RuntimeException e) {
      fail(e, batch);
      return false;
    }
    durableSize = next;
    for (dev.castellan.log.storage.StoredRecord r : fresh) {
      tree.appendLeafHash(TreeHasher.leafHash(r.bytes()));
    }
    if (!fresh.isEmpty()) {
      checkpoints.integrated(next, batch.getFirst().enqueuedNanos());
    }
    metrics.recordBatch(fresh.size(), duplicates, bytes);
    List<Pending> done = List.copyOf(batch);
    completions.execute(() -> {
      for (int i = 0; i < done.size(); i++) {
        done.get(i).future().complete(results[i]);
      }
    });
    return true;
  }

  private void fail(Exception e, List<Pending> batch) {
    failure = e;
    LogException reported = new LogException("the log's storage failed; the log stopped", e);
    batch.forEach(p -> p.future().completeExceptionally(reported));
  }

  private LogException stopped() {
    Exception cause = failure != null ? failure : checkpoints.failure();
    return cause != null
        ? new LogException("the log's storage failed; the log stopped", cause)
        : new LogException("the log is closed");
  }

  private void failQueued() {
    Pending p;
    while ((p = queue.poll()) != null) {
      p.future().completeExceptionally(stopped());
    }
  }

  /** Finishes queued appends, publishes a last checkpoint, stops the threads and closes storage. */
  @Override
  public void close() throws IOException {
    if (closed && !writer.isAlive() && !checkpointer.isAlive()) {
      return;
    }
    closed = true;
    try {
      writer.join();
      checkpointer.join(); // publishes a last checkpoint for everything written
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failQueued(); // appends that raced with close
    checkpoints.failWaiters();
    completions.close();
    storage.close();
  }
}
