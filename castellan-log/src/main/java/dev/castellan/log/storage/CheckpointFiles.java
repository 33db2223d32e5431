package dev.castellan.log.storage;

import dev.castellan.log.LogCorruptionException;
import dev.castellan.log.checkpoint.Checkpoint;
import dev.castellan.log.note.Note;
import dev.castellan.log.note.NoteException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** The checkpoint file and its history, and the size a stored checkpoint claims ({@link AtomicFile} replaces it). */
final class CheckpointFiles {
  private CheckpointFiles() {}

  static Optional<byte[]> read(Path file) throws IOException {
    try {
      if (Files.size(file) > Note.MAX_NOTE_BYTES) {
        throw new IOException("checkpoint file is larger than a note may be");
      }
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Appends {@code note} with a u32 length prefix; a torn last entry is skipped when read. */
  static void appendToHistory(Path file, byte[] note) throws IOException {
    ByteBuffer entry = ByteBuffer.allocate(4 + note.length).putInt(note.length).put(note).flip();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      while (entry.hasRemaining()) {
        channel.write(entry);
      }
    }
  }

  /** The notes in the history file, oldest first; stops at a torn or oversized entry. */
  static java.util.List<byte[]> readHistory(Path file) throws IOException {
    java.util.List<byte[]> notes = new java.util.ArrayList<>();
    if (!Files.exists(file)) {
      return notes;
    }
    try (var in = new java.io.DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
      while (true) {
        int length;
        try {
          length = in.readInt();
        } catch (java.io.EOFException end) {
          return notes;
        }
        if (length < 0 || length > Note.MAX_NOTE_BYTES) {
          return notes;
        }
        byte[] note = new byte[length];
        try {
          in.readFully(note);
        } catch (java.io.EOFException torn) {
          return notes;
        }
        notes.add(note);
      }
    }
  }

  /**
   * The tree size a stored checkpoint claims, read without its key (only to tell a torn tail
   * from damage; the signature is checked by the log and by verification). 0 when absent.
   */
  static long size(Optional<byte[]> note) throws LogCorruptionException {
    if (note.isEmpty()) {
      return 0;
    }
    try {
      return Checkpoint.parse(Note.parse(note.get()).text()).size();
    } catch (NoteException e) {
      throw new LogCorruptionException(-1, "the stored checkpoint is malformed: " + e.getMessage());
    }
  }
}
