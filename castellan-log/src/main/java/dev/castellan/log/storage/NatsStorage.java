package dev.castellan.log.storage;

import dev.castellan.log.LogCorruptionException;
import dev.castellan.log.LogException;
import dev.castellan.log.internal.Cids;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.KeyValue;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The NATS JetStream engine, for more than one machine: record {@code i} is message
 * {@code i + 1} of a replicated stream; the CID index and the latest checkpoint are in
 * key-value buckets.
 *
 * <p>The single writer publishes every record with an expected last sequence, so the stream
 * itself refuses a second writer or a gap; a batch is pipelined and {@link #append} returns
 * once JetStream acknowledged every message, i.e. a quorum of the stream's replicas stored it
 * (JetStream's durability; each server's own fsync policy applies beneath). A publish whose
 * acknowledgement was lost (a node failed mid-batch) is retried, and a message found already
 * stored with the same bytes counts as written, so retries never duplicate or skip.
 *
 * <p>Requests retry for about twenty seconds to ride out leader elections.
 *
 * <p>The CID bucket is written after the records (its entries are an index, rebuilt from the
 * stream by the writer on open if a crash lost some); the checkpoint bucket holds one key.
 */
public final class NatsStorage implements LogStorage {
  private static final String CHECKPOINT_KEY = "latest";
  private static final String INDEXED_KEY = "indexed";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /**
   * Names and replication of the stream and buckets.
   *
   * @param name the log's name; the stream is {@code <name>}, its subject {@code <name>.records},
   *     the buckets {@code <name>-cids} and {@code <name>-checkpoint}
   * @param replicas JetStream replicas (1, or 3 for a cluster that survives one node's loss)
   */
  public record Config(String name, int replicas) {
    public Config {
      if (!name.matches("[A-Za-z0-9_-]{1,64}") || replicas < 1 || replicas > 5) {
        throw new IllegalArgumentException("stream name must be 1-64 of [A-Za-z0-9_-], replicas 1 to 5");
      }
    }
  }

  private final Connection connection;
  private final JetStream jetStream;
  private final JetStreamManagement management;
  private final Config config;
  private final String subject;
  private final KeyValue cids;
  private final KeyValue checkpoints;
  private final ConcurrentHashMap<String, Long> cidCache = new ConcurrentHashMap<>();
  private volatile long size;
  private volatile boolean writing;

  private NatsStorage(Connection connection, Config config) throws IOException {
    this.connection = connection;
    this.config = config;
    this.subject = config.name() + ".records";
    this.management = connection.jetStreamManagement();
    this.jetStream = connection.jetStream();
    retrying("set up the log stream", () -> {
      ensureStream();
      return null;
    });
    this.cids = retrying("set up the CID bucket", () -> bucket(config.name() + "-cids"));
    this.checkpoints = retrying("set up the checkpoint bucket", () -> bucket(config.name() + "-checkpoint"));
  }

  /**
   * Opens (creating the stream and buckets if needed) the log on {@code connection}, reads the
   * stream once to rebuild the CID index, and indexes records a crash left unindexed. The
   * caller keeps ownership of the connection.
   */
  public static NatsStorage open(Connection connection, Config config) throws IOException, LogException {
    NatsStorage storage = new NatsStorage(connection, config);
    storage.size = storage.streamSize();
    storage.rebuildIndex();
    return storage;
  }

  private void ensureStream() throws IOException, JetStreamApiException {
    try {
      management.getStreamInfo(config.name());
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != 10059) { // stream not found
        throw e;
      }
      management.addStream(StreamConfiguration.builder()
          .name(config.name())
          .subjects(subject)
          .storageType(StorageType.File)
          .replicas(config.replicas())
          .denyDelete(true)
          .denyPurge(true)
          .build());
    }
  }

  private KeyValue bucket(String name) throws IOException, JetStreamApiException {
    var kvm = connection.keyValueManagement();
    if (!kvm.getBucketNames().contains(name)) {
      kvm.create(KeyValueConfiguration.builder().name(name).storageType(StorageType.File)
          .replicas(config.replicas()).maxHistoryPerKey(1).build());
    }
    return connection.keyValue(name);
  }

  private long streamSize() throws IOException {
    return retrying("read the stream's state", this::streamSizeOnce);
  }

  private long streamSizeOnce() throws IOException, JetStreamApiException {
    {
      StreamInfo info = management.getStreamInfo(config.name());
      long last = info.getStreamState().getLastSequence();
      long count = info.getStreamState().getMsgCount();
      if (count != last) {
        throw new IOException("the log stream has gaps: messages were deleted");
      }
      return last;
    }
  }

  private void rebuildIndex() throws IOException, LogException {
    long indexed = 0;
    try {
      KeyValueEntry entry = retrying("read the indexed size", () -> checkpoints.get(INDEXED_KEY));
      if (entry != null && entry.getValue() != null) {
        indexed = Long.parseLong(new String(entry.getValue(), StandardCharsets.US_ASCII));
      }
      long from = indexed;
      scan(0, size, (index, bytes) -> {
        String cid = Cids.string(bytes);
        cidCache.putIfAbsent(cid, index);
        if (index >= from) {
          putIndex(cid, index);
        }
      });
      if (indexed < size) {
        long indexedSize = size;
        retrying("record the indexed size",
            () -> checkpoints.put(INDEXED_KEY, Long.toString(indexedSize).getBytes(StandardCharsets.US_ASCII)));
      }
    } catch (NumberFormatException e) {
      throw new IOException("cannot rebuild the CID index", e);
    }
  }

  private void putIndex(String cid, long index) throws IOException {
    retrying("write the CID index", () -> cids.put(cid, Long.toString(index).getBytes(StandardCharsets.US_ASCII)));
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public synchronized void append(long firstIndex, List<StoredRecord> batch) throws IOException, LogException {
    if (firstIndex != size) {
      throw new LogException(String.format(Locale.ROOT, "append at %d but the log has %d records", firstIndex, size));
    }
    int done = 0;
    for (int attempt = 0; done < batch.size(); attempt++) {
      done += publishFrom(firstIndex + done, batch.subList(done, batch.size()));
      if (done < batch.size()) {
        if (attempt >= 40) {
          throw new IOException("JetStream did not acknowledge the batch after retries");
        }
        try {
          Thread.sleep(250); // a stream leader election after a node's loss takes a few seconds
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while appending", e);
        }
      }
    }
    size = firstIndex + batch.size();
    List<CompletableFuture<PublishAck>> puts = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      cidCache.putIfAbsent(batch.get(i).cid(), firstIndex + i);
      // A KV put is a publish to the bucket's subject: pipelined, one round trip per batch.
      puts.add(jetStream.publishAsync("$KV." + config.name() + "-cids." + batch.get(i).cid(),
          Long.toString(firstIndex + i).getBytes(StandardCharsets.US_ASCII)));
    }
    writing = true; // after the cache holds this batch: from now on the cache is authoritative
    try {
      for (CompletableFuture<PublishAck> put : puts) {
        put.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      // The records are durable; the index is rebuilt from the stream by the next writer.
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    retrying("record the indexed size",
        () -> checkpoints.put(INDEXED_KEY, Long.toString(size).getBytes(StandardCharsets.US_ASCII)));
  }

  @FunctionalInterface
  private interface Operation<T> {
    T run() throws IOException, JetStreamApiException;
  }

  /**
   * Runs a JetStream request, retrying for up to about twenty seconds: long enough for a
   * replicated stream or bucket to elect a new leader after a node's loss on a loaded machine.
   */
  private static <T> T retrying(String what, Operation<T> operation) throws IOException {
    Exception last = null;
    for (int attempt = 0; attempt < 80; attempt++) {
      try {
        return operation.run();
      } catch (IOException | JetStreamApiException | RuntimeException e) {
        last = e;
        try {
          Thread.sleep(250);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw new IOException("JetStream could not " + what, last);
  }

  /**
   * Publishes {@code records} pipelined from index {@code first}; returns how many are now
   * stored in order (checking the stream after a failure, so lost acknowledgements count).
   */
  private int publishFrom(long first, List<StoredRecord> records) throws IOException, LogException {
    List<CompletableFuture<PublishAck>> acks = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      PublishOptions options = PublishOptions.builder().expectedLastSequence(first + i)
          .expectedStream(config.name()).build();
      acks.add(jetStream.publishAsync(subject, records.get(i).bytes(), options));
    }
    int acknowledged = 0;
    for (CompletableFuture<PublishAck> ack : acks) {
      try {
        PublishAck result = ack.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (result.getSeqno() != first + acknowledged + 1) {
          throw new LogException("JetStream stored a record at an unexpected sequence");
        }
        acknowledged++;
      } catch (ExecutionException | TimeoutException e) {
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while appending", e);
      }
    }
    if (acknowledged == records.size()) {
      return acknowledged;
    }
    // Some acknowledgement failed: see what the stream actually holds, and never overwrite it.
    long stored = retrying("read the stream's state", this::streamSizeOnce);
    int present = (int) Math.min(records.size(), Math.max(0, stored - first));
    for (int i = 0; i < present; i++) {
      byte[] there = readMessage(first + i);
      if (!Arrays.equals(there, records.get(i).bytes())) {
        throw new LogException(String.format(Locale.ROOT,
            "record %d in the stream was written by another writer", first + i));
      }
    }
    return present;
  }

  @Override
  public byte[] read(long index) throws IOException, LogCorruptionException {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("no record " + index);
    }
    return readMessage(index);
  }

  private byte[] readMessage(long index) throws IOException {
    MessageInfo info = retrying("read record " + index, () -> management.getMessage(config.name(), index + 1));
    return info.getData();
  }

  @Override
  public void scan(long from, long to, RecordVisitor visitor) throws IOException, LogException {
    if (from >= to) {
      return;
    }
    JetStreamSubscription subscription = retrying("read the log stream", () -> jetStream.subscribe(subject,
        PushSubscribeOptions.builder()
            .ordered(true)
            .configuration(ConsumerConfiguration.builder()
                .deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(from + 1).build())
            .build()));
    try {
      for (long index = from; index < to; index++) {
        Message message = subscription.nextMessage(TIMEOUT);
        if (message == null) {
          throw new IOException(String.format(Locale.ROOT, "timed out reading record %d", index));
        }
        long sequence = message.metaData().streamSequence();
        if (sequence != index + 1) {
          throw new LogCorruptionException(index, "the stream has no message at this record's sequence");
        }
        visitor.visit(index, message.getData());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the log", e);
    } finally {
      subscription.unsubscribe();
    }
  }

  @Override
  public OptionalLong indexOf(String cid) throws IOException {
    Long cached = cidCache.get(cid);
    if (cached != null) {
      return OptionalLong.of(cached);
    }
    if (writing) {
      // The single writer's cache holds every record: the stream at open, then its own
      // appends (the expected-last-sequence check guarantees there are no others).
      return OptionalLong.empty();
    }
    if (!Cids.isRecordCid(cid)) {
      return OptionalLong.empty();
    }
    KeyValueEntry entry = retrying("read the CID index", () -> cids.get(cid));
    if (entry == null || entry.getValue() == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(new String(entry.getValue(), StandardCharsets.US_ASCII)));
    } catch (NumberFormatException e) {
      throw new IOException("the CID index holds a malformed entry", e);
    }
  }

  @Override
  public Optional<byte[]> checkpoint() throws IOException {
    KeyValueEntry entry = retrying("read the checkpoint", () -> checkpoints.get(CHECKPOINT_KEY));
    return entry == null || entry.getValue() == null ? Optional.empty() : Optional.of(entry.getValue());
  }

  @Override
  public void writeCheckpoint(byte[] note) throws IOException {
    retrying("write the checkpoint", () -> checkpoints.put(CHECKPOINT_KEY, note));
  }

  /** Closes nothing: the connection belongs to the caller. */
  @Override
  public void close() {}
}
