package dev.castellan.log.checkpoint;

import dev.castellan.log.note.Note;
import dev.castellan.log.note.NoteException;
import dev.castellan.log.note.NoteSigner;
import dev.castellan.log.note.NoteVerifier;
import dev.castellan.log.note.VerifiedNote;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A checkpoint together with its signed note, kept verbatim: the bytes a log publishes and a
 * client stores are exactly {@link #note()}.
 *
 * <p>{@link #open} is the only way to obtain one from outside bytes: it MUST verify the log's
 * signature and that the origin is the expected one before the checkpoint is believed.
 */
public record SignedCheckpoint(Checkpoint checkpoint, byte[] note) {
  public SignedCheckpoint {
    note = note.clone();
  }

  @Override
  public byte[] note() {
    return note.clone();
  }

  /** The note as text. */
  public String noteText() {
    return new String(note, StandardCharsets.UTF_8);
  }

  /** Signs {@code checkpoint} with the log key (the key name SHOULD equal the origin). */
  public static SignedCheckpoint sign(Checkpoint checkpoint, NoteSigner logKey) throws NoteException {
    Note note = Note.sign(checkpoint.text(), List.of(logKey));
    return new SignedCheckpoint(checkpoint, note.format().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Verifies {@code note} with the log's key (other signatures, such as witnesses', are
   * ignored unless they fail from a known key), parses its text as a checkpoint, and checks
   * the origin.
   */
  public static SignedCheckpoint open(byte[] note, String expectedOrigin, NoteVerifier logKey)
      throws NoteException {
    VerifiedNote verified = Note.open(note, List.of(logKey));
    Checkpoint checkpoint = Checkpoint.parse(verified.text());
    if (!checkpoint.origin().equals(expectedOrigin)) {
      throw new NoteException(String.format(Locale.ROOT,
          "checkpoint origin is not the expected origin %s", expectedOrigin));
    }
    return new SignedCheckpoint(checkpoint, note);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedCheckpoint s && java.util.Arrays.equals(s.note, note);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(note);
  }

  @Override
  public String toString() {
    return "SignedCheckpoint[" + checkpoint + "]";
  }
}
