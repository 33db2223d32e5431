package dev.castellan.server.ra;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;

/**
 * Where the RA API keeps what {@code POST /ra/generate} made, by path relative to the root: the
 * hex SHA3-512 (the integrity monitor's {@code fs_hashes} format, so both can share a bucket)
 * and the {@link RaRecord} (bucket {@code fs_att_docs}). Two engines: {@link EmbeddedRaStore} in
 * the data directory and {@link NatsRaStore} in NATS KV; {@code --ra-store} chooses.
 *
 * <p>Contract: {@link #put} writes the record before the hash, so a hash is never visible
 * without its record; once {@link #flush} returns, every earlier put MUST be durable. Safe for
 * concurrent use.
 */
public interface RaStore extends Closeable {
  void put(RaRecord record) throws IOException;

  /** The hex SHA3-512 stored for {@code path}. */
  Optional<String> hash(String path) throws IOException;

  Optional<RaRecord> record(String path) throws IOException;

  void flush() throws IOException;

  /** Where it stores, for people: a directory or a NATS URL with its buckets. */
  String describe();
}
