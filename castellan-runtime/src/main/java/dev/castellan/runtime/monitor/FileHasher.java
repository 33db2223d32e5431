package dev.castellan.runtime.monitor;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * SHA-3-512 of a file's content, streamed through one reused 256 KiB buffer: memory does not
 * grow with the file. The JDK's {@code SHA3-512} (the fastest of the candidates measured in
 * docs/BENCHMARKS.md, "SHA-3-512 file hashing"). Not thread-safe: one per thread.
 */
public final class FileHasher {
  static final int BUFFER_BYTES = 256 * 1024;

  private final MessageDigest digest = HashAlgorithm.SHA3_512.newDigest();
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);

  /** The lower-case hex SHA-3-512 of {@code file} (not following a final symbolic link). */
  public String hash(Path file) throws IOException {
    return Hex.encode(digest(file));
  }

  /** The raw 64-byte SHA-3-512 of {@code file}. */
  public byte[] digest(Path file) throws IOException {
    digest.reset();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      buffer.clear();
      while (channel.read(buffer) >= 0) {
        buffer.flip();
        digest.update(buffer);
        buffer.clear();
      }
    }
    return digest.digest();
  }
}
