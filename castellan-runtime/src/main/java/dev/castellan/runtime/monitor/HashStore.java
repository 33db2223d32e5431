package dev.castellan.runtime.monitor;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/**
 * Where the monitor keeps the current SHA-3-512 of every watched file: path (relative,
 * {@code /}-separated) to lower-case hex. The monitor is the single writer; it loads the whole
 * map once at start and then only writes.
 *
 * <p>{@link #put} and {@link #remove} MAY be buffered; once {@link #flush} returns, every
 * earlier write MUST be durable.
 */
public interface HashStore extends Closeable {
  /** Every stored entry. */
  Map<String, String> load() throws IOException;

  void put(String path, String hash) throws IOException;

  void remove(String path) throws IOException;

  void flush() throws IOException;

  /** Where it stores, for people: a file or a bucket URL. */
  String describe();
}
