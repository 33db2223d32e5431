package dev.castellan.keys;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Durable storage of one small file: written to a temporary file, forced to disk, renamed
 * over the target atomically, and the directory forced, so a crash leaves either the old
 * or the new contents, never a torn file.
 */
public final class SealedFile {
  /** Sealed blobs are small; a larger file is not ours. */
  private static final long MAX_SIZE = 1 << 20;

  private SealedFile() {}

  public static Optional<byte[]> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    long size = Files.size(file);
    if (size > MAX_SIZE) {
      throw new IOException(file + " is " + size + " bytes; a sealed key file is at most " + MAX_SIZE);
    }
    return Optional.of(Files.readAllBytes(file));
  }

  public static void writeAtomically(Path file, byte[] contents) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(contents));
        channel.force(true);
      }
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
      forceDirectory(directory);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems cannot open a directory for fsync; the rename is still atomic there.
    }
  }
}
