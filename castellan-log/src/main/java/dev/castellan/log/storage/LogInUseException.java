package dev.castellan.log.storage;

import java.io.IOException;

/** A log directory is already open for writing by another process (or another open in this one). */
public final class LogInUseException extends IOException {
  private static final long serialVersionUID = 1L;

  LogInUseException(String message) {
    super(message);
  }
}
