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
  private final List<Waiter> waiters = new ArrayList<>();
  private final ExecutorService completions = Executors.newVirtualThreadPerTaskExecutor();
  private final Thread writer;
  private final Thread checkpointer;
  private final Object integration = new Object();
  private long integratedSize; // guarded by integration
  private boolean writerDone; // guarded by integration
  private volatile SignedCheckpoint latest;
  private volatile boolean closed;
  private volatile Exception failure;
  private long durableSize;
  private volatile long lastPublishNanos;
  private long oldestUnpublishedNanos = -1; // guarded by integration

  private record Pending(LogRecord record, CompletableFuture<AppendResult> future, long enqueuedNanos) {}

  private record Waiter(long size, CompletableFuture<SignedCheckpoint> future) {}

  private TransparencyLog(LogStorage storage, NoteSigner key, LogOptions options, LogMetrics metrics) {
    this.storage = storage;
    this.key = key;
    this.options = options;
    this.metrics = metrics;
    this.queue = new ArrayBlockingQueue<>(options.maxPending());
    this.writer = Thread.ofPlatform().name("castellan-log-writer").daemon().unstarted(this::run);
    this.checkpointer = Thread.ofPlatform().name("castellan-log-checkpointer").daemon().unstarted(this::publishLoop);
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
      latest = checkpoint;
    }
    integratedSize = size;
    if (latest == null || latest.checkpoint().size() < size) {
      publish(size, -1);
    }
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
      record.verifySignature();
    } catch (RecordException e) {
      future.completeExceptionally(e);
      return future;
    }
    Exception failed = failure;
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
    CompletableFuture<SignedCheckpoint> future = new CompletableFuture<>();
    synchronized (waiters) {
      SignedCheckpoint current = latest;
      if (current != null && current.checkpoint().size() >= size) {
        future.complete(current);
      } else if (failure != null || closed) {
        future.completeExceptionally(new LogException("the log is closed or stopped"));
      } else {
        waiters.add(new Waiter(size, future));
      }
    }
    synchronized (integration) {
      integration.notifyAll(); // a waiter cuts a checkpoint interval short
    }
    return future;
  }

  /** The latest signed checkpoint (its note is what {@code GET /checkpoint} serves verbatim). */
  public SignedCheckpoint checkpoint() {
    return latest;
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
    dev.castellan.log.tiles.TileWriter.write(directory, latest, tree, this::recordBytes);
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
      synchronized (integration) {
        writerDone = true;
        integration.notifyAll();
      }
      failQueued();
    }
  }

  /**
   * The checkpointer: signs and stores a checkpoint for what the writer integrated, on its own
   * thread, so that the next batch's fsync overlaps this checkpoint's fsyncs.
   */
  private void publishLoop() {
    long interval = options.checkpointInterval().toNanos();
    try {
      while (true) {
        long target;
        long oldest;
        synchronized (integration) {
          while (integratedSize <= publishedSize() && !writerDone) {
            integration.wait();
          }
          if (integratedSize <= publishedSize()) {
            return; // the writer stopped and everything is published
          }
          while (interval > 0 && !writerDone && !hasWaiters()
              && System.nanoTime() - lastPublishNanos < interval) {
            long remaining = interval - (System.nanoTime() - lastPublishNanos);
            integration.wait(Math.max(1, remaining / 1_000_000));
          }
          target = integratedSize;
          oldest = oldestUnpublishedNanos;
          oldestUnpublishedNanos = -1;
        }
        publishWithRetries(target, oldest);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | LogException | RuntimeException e) {
      failure = e;
    }
  }

  /**
   * A checkpoint that cannot be stored is retried a few times (a replicated store may be
   * electing a leader) before the log stops: appends stay durable meanwhile, but clients
   * waiting for a checkpoint must not wait forever.
   */
  private void publishWithRetries(long size, long oldestNanos) throws IOException, LogException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        publish(size, oldestNanos);
        return;
      } catch (IOException e) {
        if (attempt == 5) {
          throw e;
        }
        Thread.sleep(1000L * attempt);
      }
    }
  }

  private long publishedSize() {
    SignedCheckpoint current = latest;
    return current == null ? -1 : current.checkpoint().size();
  }

  private boolean hasWaiters() {
    synchronized (waiters) {
      return !waiters.isEmpty();
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
      synchronized (integration) {
        integratedSize = next;
        if (oldestUnpublishedNanos < 0) {
          oldestUnpublishedNanos = batch.getFirst().enqueuedNanos();
        }
        integration.notifyAll();
      }
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

  private void publish(long size, long oldestNanos) throws IOException, LogException {
    SignedCheckpoint signed = SignedCheckpoint.sign(new Checkpoint(origin(), size, tree.root(size)), key);
    storage.writeCheckpoint(signed.note());
    latest = signed;
    long now = System.nanoTime();
    lastPublishNanos = now;
    metrics.recordCheckpoint(oldestNanos >= 0 ? now - oldestNanos : 0);
    List<Waiter> ready = new ArrayList<>();
    synchronized (waiters) {
      waiters.removeIf(w -> w.size() <= size && ready.add(w));
    }
    if (!ready.isEmpty()) {
      completions.execute(() -> ready.forEach(w -> w.future().complete(signed)));
    }
  }

  private void fail(Exception e, List<Pending> batch) {
    failure = e;
    LogException reported = new LogException("the log's storage failed; the log stopped", e);
    batch.forEach(p -> p.future().completeExceptionally(reported));
  }

  private LogException stopped() {
    return failure != null
        ? new LogException("the log's storage failed; the log stopped", failure)
        : new LogException("the log is closed");
  }

  private void failQueued() {
    Pending p;
    while ((p = queue.poll()) != null) {
      p.future().completeExceptionally(stopped());
    }
  }

  private void failWaiters() {
    synchronized (waiters) {
      waiters.forEach(w -> w.future().completeExceptionally(stopped()));
      waiters.clear();
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
    failWaiters();
    completions.close();
    storage.close();
  }
}
