package dev.castellan.keys.tpm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private (0700) temporary directory for the files tpm2-tools read and write (contexts,
 * public and private parts, PCR values). Secrets never go through it (they use standard input
 * and output), yet every file is overwritten with zeros before it is deleted, so that a later
 * change that does write a secret here is not a leak.
 */
final class WorkDirectory implements AutoCloseable {
  private final Path path;

  private WorkDirectory(Path path) {
    this.path = path;
  }

  static WorkDirectory create() throws IOException {
    return new WorkDirectory(Files.createTempDirectory("castellan-tpm-seal-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
  }

  Path resolve(String name) {
    return path.resolve(name);
  }

  @Override
  public void close() {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(path)) {
      files = walk.sorted(Comparator.reverseOrder()).toList();
    } catch (IOException e) {
      return;
    }
    for (Path file : files) {
      try {
        if (Files.isRegularFile(file)) {
          wipe(file);
        }
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // Best effort: the files hold only public TPM outputs.
      }
    }
  }

  private static void wipe(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      long size = channel.size();
      ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(size, 64 * 1024));
      for (long written = 0; written < size; ) {
        zeros.clear().limit((int) Math.min(zeros.capacity(), size - written));
        written += channel.write(zeros, written);
      }
      channel.force(false);
    }
  }
}
