package dev.castellan.server.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * What a stat says about a file, to notice that it changed without reading it: its identity
 * (the inode where the file system has one: an atomic replace by rename, as {@code castellan
 * tokens revoke} writes, always makes a new one), modification time and size. Polling a stat
 * every second is portable where a {@code WatchService} is not (it falls back to polling on
 * some platforms, and misses renames on others).
 *
 * @param fileKey the file system's identity of the file, empty where it has none
 */
record FileState(Optional<Object> fileKey, FileTime modified, long size) {
  /** The file's state now, or empty if it does not exist. */
  static Optional<FileState> of(Path file) throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return Optional.of(new FileState(Optional.ofNullable(attributes.fileKey()), attributes.lastModifiedTime(),
          attributes.size()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
