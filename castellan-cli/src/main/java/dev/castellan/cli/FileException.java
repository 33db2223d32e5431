package dev.castellan.cli;

import java.io.IOException;

/**
 * A file that cannot be used, as {@code <role> <path>: <reason>} ({@code data file in.bin:
 * does not exist}); reported with the kind {@link ErrorKind#FILE}. An {@link IOException}, so
 * that code which reads files can throw it without changing its signature.
 */
public final class FileException extends IOException {
  private static final long serialVersionUID = 1L;

  public FileException(String message) {
    super(message);
  }
}
