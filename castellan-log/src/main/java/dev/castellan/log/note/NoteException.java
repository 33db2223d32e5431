package dev.castellan.log.note;

import dev.castellan.log.LogException;

/** A note, key or checkpoint is malformed, or its signatures do not verify. */
public final class NoteException extends LogException {
  private static final long serialVersionUID = 1L;

  public NoteException(String message) {
    super(message);
  }
}
