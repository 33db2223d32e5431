package dev.castellan.keys.tpm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading what tpm2-tools wrote into the {@link WorkDirectory}, bounded, and saying what went wrong. */
final class TpmFiles {
  private TpmFiles() {}

  /** At most {@code max} bytes of {@code file}; a longer file is an error, never truncated. */
  static byte[] read(Path file, int max) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(max + 1);
      if (bytes.length > max) {
        throw new IOException(file.getFileName() + " from tpm2-tools is longer than " + max + " bytes");
      }
      return bytes;
    }
  }

  /** One line for {@code e}: our own messages as they are, the JDK's by type and file name. */
  static String describe(IOException e) {
    if (e instanceof FileSystemException f && f.getFile() != null) {
      return e.getClass().getSimpleName() + " on " + Path.of(f.getFile()).getFileName() + " in the work directory";
    }
    return e.getClass() == IOException.class && e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
