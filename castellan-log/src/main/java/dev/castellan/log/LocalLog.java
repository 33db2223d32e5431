package dev.castellan.log;

import dev.castellan.log.note.NoteException;
import dev.castellan.log.note.NoteSigner;
import dev.castellan.log.note.NoteVerifier;
import dev.castellan.log.storage.EmbeddedStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A log in a local data directory (default {@code ./castellan-data}): records and checkpoint
 * under {@code log/}, the checkpoint signer key under {@code keys/checkpoint.skey} (owner-only
 * permissions) and its verifier key beside it in {@code keys/checkpoint.vkey}. The key is
 * generated on first use; its name is the log's origin.
 */
public final class LocalLog {
  /** The default origin of a new local log. */
  public static final String DEFAULT_ORIGIN = "castellan.local/log";

  private LocalLog() {}

  /** Opens (creating on first use) the log in {@code dataDir} as its writer. */
  public static TransparencyLog open(Path dataDir, String originIfNew, LogOptions options, LogMetrics metrics)
      throws IOException, LogException {
    NoteSigner key = checkpointKey(dataDir, originIfNew);
    EmbeddedStorage storage = EmbeddedStorage.open(logDirectory(dataDir), LogRecord.MAX_ENCODED_BYTES);
    return TransparencyLog.open(storage, key, options, metrics);
  }

  /** Opens the stored records read-only, for verification while a writer may be running. */
  public static EmbeddedStorage openReadOnly(Path dataDir) throws IOException {
    return EmbeddedStorage.openReadOnly(logDirectory(dataDir), LogRecord.MAX_ENCODED_BYTES);
  }

  public static Path logDirectory(Path dataDir) {
    return dataDir.resolve("log");
  }

  /** The verifier key stored in {@code dataDir}. */
  public static NoteVerifier checkpointVerifier(Path dataDir) throws IOException, NoteException {
    Path file = dataDir.resolve("keys").resolve("checkpoint.vkey");
    if (!Files.isRegularFile(file)) {
      throw new IOException("no log key in " + dataDir + " (append a record first)");
    }
    return NoteVerifier.parse(Files.readString(file, StandardCharsets.UTF_8).strip());
  }

  /** Loads the checkpoint signer key of {@code dataDir}, generating it under {@code originIfNew} on first use. */
  public static NoteSigner checkpointKey(Path dataDir, String originIfNew) throws IOException, NoteException {
    Path keys = dataDir.resolve("keys");
    Path skeyFile = keys.resolve("checkpoint.skey");
    if (!Files.exists(skeyFile)) {
      Files.createDirectories(keys);
      NoteSigner generated = NoteSigner.generate(originIfNew, new SecureRandom());
      byte[] skey = generated.skey().toByteArray();
      try {
        writePrivate(skeyFile, skey);
      } catch (FileAlreadyExistsException raced) {
        // another process created it first: use theirs
      } finally {
        Arrays.fill(skey, (byte) 0);
      }
    }
    byte[] skey = Files.readAllBytes(skeyFile);
    try {
      NoteSigner key = NoteSigner.parse(new String(skey, StandardCharsets.UTF_8).strip());
      Path vkeyFile = keys.resolve("checkpoint.vkey");
      if (!Files.exists(vkeyFile)) {
        Files.writeString(vkeyFile, key.verifier().vkey() + "\n", StandardCharsets.UTF_8);
      }
      return key;
    } finally {
      Arrays.fill(skey, (byte) 0);
    }
  }

  /**
   * Creates {@code file} readable by its owner only (where the file system has POSIX
   * permissions) and makes it durable: a key lost in a crash would orphan every checkpoint it
   * signed.
   */
  public static void writePrivate(Path file, byte[] content) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      directory.force(true);
    }
  }
}
