package dev.castellan.log;

/**
 * The log's append queue is full: the caller should retry later (Tessera's pushback; a
 * server maps it to HTTP 503 with {@code Retry-After}).
 */
public final class LogOverloadedException extends LogException {
  private static final long serialVersionUID = 1L;

  public LogOverloadedException(String message) {
    super(message);
  }
}
