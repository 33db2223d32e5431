package dev.castellan.server.ra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The directory the RA API may read, and the confinement of every path a client names to it.
 * A client path is either relative to the root or absolute and inside it; it is refused when it
 * is longer than {@value #MAX_PATH_BYTES} bytes, holds a NUL, a {@code .} or {@code ..} segment,
 * or when its real path (every symbolic link resolved) is outside the root. Stored keys are the
 * path relative to the root, {@code /}-separated, so the same file has one key however it was
 * named.
 *
 * <p>A symbolic link inside the tree that stays inside is followed when it is the path a client
 * names; {@code POST /ra/generate} never follows links while it walks (see {@link Generator}).
 */
public final class RaRoot {
  /** Longest client path: the monitor's bound for a stored path (FileHashStore.MAX_PATH_BYTES). */
  public static final int MAX_PATH_BYTES = 4096;

  private final Path real;

  private RaRoot(Path real) {
    this.real = real;
  }

  /** The root {@code directory}, which must exist and be a directory. */
  public static RaRoot of(Path directory) throws IOException {
    Path real = directory.toRealPath();
    if (!Files.isDirectory(real)) {
      throw new IOException("the RA root " + directory + " is not a directory");
    }
    return new RaRoot(real);
  }

  /** The root's real path. */
  public Path path() {
    return real;
  }

  /** A confined path: its real location and its key relative to the root ("" for the root itself). */
  public record Resolved(Path file, String key) {}

  /**
   * Confines {@code clientPath} to the root.
   *
   * @throws PathRefusedException if it is malformed or leads out of the root
   * @throws NoSuchFileException if it does not exist
   */
  public Resolved resolve(String clientPath) throws PathRefusedException, IOException {
    if (clientPath.isEmpty()) {
      throw new PathRefusedException("the path is empty");
    }
    if (clientPath.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
      throw new PathRefusedException("the path is longer than " + MAX_PATH_BYTES + " bytes");
    }
    if (clientPath.indexOf('\0') >= 0) {
      throw new PathRefusedException("the path holds a NUL byte");
    }
    for (String segment : clientPath.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        throw new PathRefusedException("the path holds a '" + segment + "' segment");
      }
    }
    Path named;
    try {
      named = clientPath.startsWith("/") ? Path.of(clientPath) : real.resolve(clientPath);
    } catch (java.nio.file.InvalidPathException e) {
      throw new PathRefusedException("the path is not valid here");
    }
    if (!named.normalize().startsWith(real)) {
      throw new PathRefusedException("the path is outside the RA root");
    }
    Path file = named.toRealPath();
    if (!file.startsWith(real)) {
      throw new PathRefusedException("the path leads outside the RA root through a symbolic link");
    }
    return new Resolved(file, key(file));
  }

  /** The key of {@code file}, a real path inside the root. */
  String key(Path file) {
    Path relative = real.relativize(file);
    StringBuilder key = new StringBuilder();
    for (Path part : relative) {
      if (!key.isEmpty()) {
        key.append('/');
      }
      key.append(part);
    }
    return key.toString();
  }

  /** Whether {@code file} is a regular file, not following a final link. */
  static boolean isRegularFile(Path file) {
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
  }

  /** A client path refused by the confinement; the message names the rule, never the file system. */
  public static final class PathRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public PathRefusedException(String message) {
      super(message);
    }
  }
}
