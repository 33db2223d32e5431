package dev.castellan.authority.service;

import dev.castellan.log.RecordSigner;
import dev.castellan.log.TransparencyLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Audit records of the authority's own commands ({@code castellan tokens issue | revoke |
 * rotate}), which run in processes of their own while {@code tokens serve} may hold the audit
 * log open: each signed {@code audit_log} entry is first written, atomically, to a file in
 * the spool directory; {@link #drainInto} appends the files to the log in the order they were
 * written and deletes each once the log says it is durable. Whoever holds the log drains:
 * the command itself when the log is free, else the running service. A crash between the
 * append and the delete appends the same record again, which the log's content addressing
 * makes a no-op (same bytes, same CID), so nothing is lost and nothing doubles.
 */
public final class AuditSpool {
  /** The spool directory's name in the authority's directory. */
  public static final String DIRECTORY = "audit-spool";
  /** Largest spool file read: an audit entry is bounded far below this. */
  static final int MAX_ENTRY_BYTES = 64 * 1024;
  private static final String SUFFIX = ".cbor";

  private final Path directory;

  public AuditSpool(Path directory) {
    this.directory = directory;
  }

  /** A sink that signs each event with {@code authority} and writes it to the spool. */
  public AuditSink sink(AuthorityIssuer authority, SecureRandom random) {
    return event -> {
      try {
        write(LogAuditSink.signedEntry(event, authority, random), random);
      } catch (GeneralSecurityException e) {
        throw new IOException("the audit record could not be signed", e);
      }
    };
  }

  private void write(byte[] entry, SecureRandom random) throws IOException {
    Files.createDirectories(directory);
    Instant now = Instant.now();
    // Names sort in the order written: epoch nanoseconds, then a random tie-breaker.
    String name = String.format("%019d%09d-%s%s", now.getEpochSecond(), now.getNano(), Uuids.random(random), SUFFIX);
    dev.castellan.keys.SealedFile.writeAtomically(directory.resolve(name), entry);
  }

  /** Entries waiting, oldest first. */
  public List<Path> pending() throws IOException {
    if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
      entries.forEach(files::add);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    files.sort(null);
    return files;
  }

  /**
   * Appends every waiting entry to {@code log} (records signed by {@code signer}), oldest first,
   * deleting each once durable.
   *
   * @return how many were appended
   * @throws IOException at the first entry that cannot be read or appended; it and those after
   *     it stay in the spool
   */
  public int drainInto(TransparencyLog log, RecordSigner signer, Duration timeout) throws IOException {
    int appended = 0;
    for (Path file : pending()) {
      if (Files.size(file) > MAX_ENTRY_BYTES) {
        throw new IOException("audit spool entry " + file.getFileName() + " is larger than " + MAX_ENTRY_BYTES + " bytes");
      }
      LogAuditSink.append(log, signer, Files.readAllBytes(file), timeout);
      Files.delete(file);
      appended++;
    }
    return appended;
  }
}
