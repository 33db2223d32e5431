package dev.castellan.log;

/** A record is malformed (not the exact DAG-CBOR shape, too large) or its signature does not verify. */
public final class RecordException extends LogException {
  private static final long serialVersionUID = 1L;

  public RecordException(String message) {
    super(message);
  }

  public RecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
