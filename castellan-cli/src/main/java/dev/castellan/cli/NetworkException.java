package dev.castellan.cli;

import java.io.IOException;

/**
 * A server that could not be reached or did not answer as expected; the message names the
 * URL and what was expected ({@code https://127.0.0.1:8443/ answered plain HTTP}). An
 * {@link IOException}, so that storage and transport code may throw it unchanged.
 */
public final class NetworkException extends IOException {
  private static final long serialVersionUID = 1L;

  public NetworkException(String message) {
    super(message);
  }
}
