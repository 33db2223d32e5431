package dev.castellan.runtime.monitor;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The NATS KV store: bucket {@value #BUCKET} (file storage, one revision per key), key =
 * {@link NatsKeys#encode the path encoded}, value = the hex SHA-3-512 (ASCII). Every write goes
 * to the server at once and returns when JetStream acknowledged it, so {@link #flush} has
 * nothing left to do.
 */
public final class NatsHashStore implements HashStore {
  public static final String BUCKET = "fs_hashes";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final String url;
  private final Connection connection;
  private final KeyValue bucket;

  private NatsHashStore(String url, Connection connection, KeyValue bucket) {
    this.url = url;
    this.connection = connection;
    this.bucket = bucket;
  }

  /** Connects to {@code url} ({@code nats://HOST:PORT}) and opens, creating if absent, the bucket. */
  public static NatsHashStore connect(String url) throws IOException {
    Options options = new Options.Builder().server(url).connectionTimeout(TIMEOUT)
        .maxReconnects(60).reconnectWait(Duration.ofMillis(500)).errorListener(new io.nats.client.ErrorListener() {})
        .build();
    Connection connection;
    try {
      connection = Nats.connect(options);
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException("cannot connect to " + url + ": " + reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to " + url, e);
    }
    try {
      var management = connection.keyValueManagement();
      if (!management.getBucketNames().contains(BUCKET)) {
        management.create(KeyValueConfiguration.builder().name(BUCKET).storageType(StorageType.File)
            .maxHistoryPerKey(1).build());
      }
      return new NatsHashStore(url, connection, connection.keyValue(BUCKET));
    } catch (IOException | JetStreamApiException e) {
      close(connection);
      throw new IOException(url + ": cannot open the KV bucket " + BUCKET + " (is JetStream enabled, nats-server -js?): "
          + reason(e), e);
    }
  }

  @Override
  public Map<String, String> load() throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try {
      for (String key : bucket.keys()) {
        KeyValueEntry entry = bucket.get(key);
        if (entry != null && entry.getValue() != null) {
          entries.put(NatsKeys.decode(key), new String(entry.getValue(), StandardCharsets.US_ASCII));
        }
      }
    } catch (JetStreamApiException | IllegalArgumentException e) {
      throw new IOException(describe() + ": cannot read: " + reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + describe(), e);
    }
    return entries;
  }

  @Override
  public void put(String path, String hash) throws IOException {
    try {
      bucket.put(key(path), hash.getBytes(StandardCharsets.US_ASCII));
    } catch (JetStreamApiException e) {
      throw new IOException(describe() + ": cannot store " + path + ": " + reason(e), e);
    }
  }

  @Override
  public void remove(String path) throws IOException {
    try {
      bucket.delete(key(path));
    } catch (JetStreamApiException e) {
      throw new IOException(describe() + ": cannot remove " + path + ": " + reason(e), e);
    }
  }

  /** The value stored for {@code path}, for tests and tools; null if none. */
  public String get(String path) throws IOException {
    try {
      KeyValueEntry entry = bucket.get(key(path));
      return entry == null || entry.getValue() == null ? null : new String(entry.getValue(), StandardCharsets.US_ASCII);
    } catch (JetStreamApiException e) {
      throw new IOException(describe() + ": cannot read " + path + ": " + reason(e), e);
    }
  }

  @Override
  public void flush() {}

  @Override
  public String describe() {
    return url + " KV bucket " + BUCKET;
  }

  @Override
  public void close() {
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
