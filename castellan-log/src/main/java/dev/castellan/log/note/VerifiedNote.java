package dev.castellan.log.note;

import java.util.List;

/**
 * The result of {@link Note#open}: the note text, and the known keys whose signatures
 * verified (at least one).
 */
public record VerifiedNote(String text, List<NoteVerifier> verifiedBy) {
  public VerifiedNote {
    verifiedBy = List.copyOf(verifiedBy);
  }
}
