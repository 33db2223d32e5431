package dev.castellan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads an input file named on the command line, bounded, with one error per reason:
 * {@code <role> <path>: does not exist | is a directory | is not a regular file | not
 * readable (permission denied) | too large (N bytes, at most M)}. Every command reads its
 * input files here so that the same mistake gives the same line everywhere.
 */
public final class InputFile {
  private InputFile() {}

  /**
   * The bytes of {@code file}, at most {@code maxBytes}. {@code role} says what the file is
   * for ("evidence file", "data file"): the message is {@code <role> <path>: <reason>}.
   */
  public static byte[] read(String role, Path file, long maxBytes) throws FileException {
    check(role, file, maxBytes);
    try (InputStream in = Files.newInputStream(file)) {
      // Bounded even if the file grows between the check and the read.
      return bounded(role + " " + file, in, maxBytes);
    } catch (FileException e) {
      throw e;
    } catch (NoSuchFileException e) {
      throw problem(role, file, "does not exist");
    } catch (AccessDeniedException e) {
      throw problem(role, file, "permission denied");
    } catch (IOException e) {
      throw problem(role, file, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Checks that {@code file} exists, is a readable regular file and is at most {@code maxBytes} long. */
  public static void check(String role, Path file, long maxBytes) throws FileException {
    if (!Files.exists(file)) {
      throw problem(role, file, "does not exist");
    }
    if (Files.isDirectory(file)) {
      throw problem(role, file, "is a directory");
    }
    if (!Files.isRegularFile(file)) {
      throw problem(role, file, "is not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw problem(role, file, "not readable (permission denied)");
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw problem(role, file, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    if (size > maxBytes) {
      throw problem(role, file, tooLarge(size, maxBytes));
    }
  }

  /** At most {@code maxBytes} of {@code in} (standard input, for {@code -}); {@code what} names it in errors. */
  public static byte[] bounded(String what, InputStream in, long maxBytes) throws FileException {
    try {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw new FileException(what + ": " + tooLarge(-1, maxBytes));
      }
      return bytes;
    } catch (IOException e) {
      throw new FileException(what + ": cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String tooLarge(long size, long maxBytes) {
    return size < 0 ? String.format(Locale.ROOT, "too large (more than %d bytes)", maxBytes)
        : String.format(Locale.ROOT, "too large (%d bytes, at most %d)", size, maxBytes);
  }

  private static FileException problem(String role, Path file, String reason) {
    return new FileException(role + " " + file + ": " + reason);
  }
}
