package dev.castellan.server.ra;

import dev.castellan.core.bytes.Hex;
import dev.castellan.runtime.monitor.NatsHashStore;
import dev.castellan.runtime.monitor.NatsKeys;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The NATS KV store: the hashes in bucket {@value NatsHashStore#BUCKET} through the integrity
 * monitor's {@link NatsHashStore} (same keys and values, so a monitor and the RA API can share
 * it) and the records in bucket {@value #DOCS_BUCKET} (file storage, one revision per key, key
 * {@link NatsKeys#encode the encoded path}, value the record's JSON). Every put returns once
 * JetStream acknowledged it, so {@link #flush} has nothing left to do.
 */
public final class NatsRaStore implements RaStore {
  public static final String DOCS_BUCKET = "fs_att_docs";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final String url;
  private final NatsHashStore hashes;
  private final Connection connection;
  private final KeyValue docs;

  private NatsRaStore(String url, NatsHashStore hashes, Connection connection, KeyValue docs) {
    this.url = url;
    this.hashes = hashes;
    this.connection = connection;
    this.docs = docs;
  }

  /** Connects to {@code url} ({@code nats://HOST:PORT}) and opens both buckets, creating them if absent. */
  public static NatsRaStore connect(String url) throws IOException {
    NatsHashStore hashes = NatsHashStore.connect(url);
    Connection connection = null;
    try {
      connection = Nats.connect(new Options.Builder().server(url).connectionTimeout(TIMEOUT).maxReconnects(60)
          .reconnectWait(Duration.ofMillis(500)).errorListener(new io.nats.client.ErrorListener() {}).build());
      var management = connection.keyValueManagement();
      if (!management.getBucketNames().contains(DOCS_BUCKET)) {
        management.create(KeyValueConfiguration.builder().name(DOCS_BUCKET).storageType(StorageType.File)
            .maxHistoryPerKey(1).build());
      }
      return new NatsRaStore(url, hashes, connection, connection.keyValue(DOCS_BUCKET));
    } catch (IOException | JetStreamApiException | IllegalArgumentException e) {
      hashes.close();
      close(connection);
      throw new IOException(url + ": cannot open the KV bucket " + DOCS_BUCKET + ": " + reason(e), e);
    } catch (InterruptedException e) {
      hashes.close();
      close(connection);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to " + url, e);
    }
  }

  @Override
  public void put(RaRecord record) throws IOException {
    try {
      docs.put(key(record.path()), record.encode());
    } catch (JetStreamApiException e) {
      throw new IOException(describe() + ": cannot store the record of " + record.path() + ": " + reason(e), e);
    }
    hashes.put(record.path(), Hex.encode(record.hash()));
  }

  @Override
  public Optional<String> hash(String path) throws IOException {
    return Optional.ofNullable(hashes.get(path));
  }

  @Override
  public Optional<RaRecord> record(String path) throws IOException {
    KeyValueEntry entry;
    try {
      entry = docs.get(key(path));
    } catch (JetStreamApiException e) {
      throw new IOException(describe() + ": cannot read the record of " + path + ": " + reason(e), e);
    }
    if (entry == null || entry.getValue() == null) {
      return Optional.empty();
    }
    RaRecord record = RaRecord.decode(entry.getValue());
    if (!record.path().equals(path)) {
      throw new IOException(describe() + ": the record under " + path + " is for another path");
    }
    return Optional.of(record);
  }

  @Override
  public void flush() {}

  @Override
  public String describe() {
    return url + " KV buckets " + NatsHashStore.BUCKET + " and " + DOCS_BUCKET;
  }

  @Override
  public void close() {
    hashes.close();
    close(connection);
  }

  private static String key(String path) throws IOException {
    try {
      return NatsKeys.encode(path);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static void close(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String reason(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
