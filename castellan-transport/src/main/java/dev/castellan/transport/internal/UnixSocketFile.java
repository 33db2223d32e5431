package dev.castellan.transport.internal;

import dev.castellan.transport.TransportException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * The file a listening Unix socket lives in. A file already at the path is replaced only if it
 * is a socket that nobody listens on (connect(2) gives ECONNREFUSED: a server that died without
 * removing it); a live socket or any other kind of file is refused, never deleted. The new
 * socket is made owner-only (0600) after bind(2) and before listen(2): until listen, connect
 * attempts are refused, so no other user can get in through the window. On close the file is
 * deleted only if it is still the one this listener created (same file key).
 */
public final class UnixSocketFile {
  private final Path path;
  private final Object fileKey;

  private UnixSocketFile(Path path, Object fileKey) {
    this.path = path;
    this.fileKey = fileKey;
  }

  /** Removes a stale socket at {@code path}, or throws if something live or foreign is there. */
  public static void clearStale(Path path) throws TransportException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException absent) {
      return;
    }
    if (!attributes.isOther()) {
      throw new TransportException(path + " exists and is not a socket; refusing to replace it");
    }
    try (NativeSocket probe = NativeSocket.open(SockaddrUn.AF_UNIX)) {
      probe.connect(SockaddrUn.encode(path.toString(), ByteOrder.nativeOrder()));
      throw new TransportException("a server is already listening on " + path);
    } catch (SystemCallException e) {
      if (e.errno() != Errno.ECONNREFUSED) {
        throw new TransportException("cannot tell whether " + path + " is in use: " + e.getMessage(), e);
      }
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new TransportException("cannot remove the stale socket " + path + ": " + e.getMessage(), e);
    }
  }

  /** Restricts the freshly bound socket file to its owner and remembers which file it is. */
  public static UnixSocketFile secure(Path path) throws TransportException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
      return new UnixSocketFile(path, key(path));
    } catch (IOException e) {
      throw new TransportException("cannot restrict " + path + " to its owner: " + e.getMessage(), e);
    }
  }

  /** Deletes the socket file if it is still ours. */
  public void delete() {
    try {
      if (Objects.equals(key(path), fileKey)) {
        Files.deleteIfExists(path);
      }
    } catch (IOException goneOrReplaced) {
      // already removed, or replaced by someone else's file, which is not ours to delete
    }
  }

  private static Object key(Path path) throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
  }
}
