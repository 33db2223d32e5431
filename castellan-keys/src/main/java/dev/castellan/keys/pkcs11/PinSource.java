package dev.castellan.keys.pkcs11;

import dev.castellan.core.bytes.SecretBytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The user PIN a URI points at: {@code pin-value}, or the contents of the file named by
 * {@code pin-source} ({@code file:/abs/path}, {@code file:///abs/path},
 * {@code file://localhost/abs/path} or an absolute path). RFC 7512 leaves the form of
 * {@code pin-source} to implementations; running a program ({@code |/bin/prompt}) is refused.
 *
 * <p>A PIN file is read bounded ({@link Pkcs11UriParser#MAX_PIN} bytes), one trailing
 * {@code \n} or {@code \r\n} is dropped, and a file that others may read is refused, as ssh
 * refuses such a private key. Messages name the file, never its contents.
 */
public final class PinSource {
  private PinSource() {}

  /** The PIN of {@code uri}, if it names one. */
  public static Optional<SecretBytes> resolve(Pkcs11Uri uri) throws Pkcs11Exception {
    Optional<SecretBytes> value = uri.pinValue();
    if (value.isPresent()) {
      return value;
    }
    if (uri.pinSource().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(readFile(path(uri.pinSource().get())));
  }

  static Path path(String source) throws Pkcs11UriException {
    String path;
    if (source.startsWith("file://localhost/")) {
      path = source.substring("file://localhost".length());
    } else if (source.startsWith("file:///")) {
      path = source.substring("file://".length());
    } else if (source.startsWith("file://")) {
      throw new Pkcs11UriException("pin-source: a file: URI with a host other than localhost is refused");
    } else if (source.startsWith("file:")) {
      path = source.substring("file:".length());
    } else if (source.startsWith("|")) {
      throw new Pkcs11UriException("pin-source: running a program for the PIN is not supported; use a file");
    } else {
      path = source;
    }
    if (!path.startsWith("/")) {
      throw new Pkcs11UriException("pin-source must be an absolute path or a file: URI with one");
    }
    return Path.of(path);
  }

  private static SecretBytes readFile(Path file) throws Pkcs11Exception {
    if (!Files.isRegularFile(file)) {
      throw new Pkcs11Exception("pin-source " + file + ": " + (Files.exists(file) ? "is not a regular file" : "does not exist"));
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
      if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
        throw new Pkcs11Exception("pin-source " + file + ": is readable by others; chmod o-r (or 600) it");
      }
    } catch (UnsupportedOperationException notPosix) {
      // No POSIX permissions on this file system: nothing to check.
    } catch (IOException e) {
      throw new Pkcs11Exception("pin-source " + file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    byte[] bytes = null;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(Pkcs11UriParser.MAX_PIN + 3); // the PIN, an optional \r\n, one byte too many
      int length = bytes.length;
      if (length > 0 && bytes[length - 1] == '\n') {
        length--;
        if (length > 0 && bytes[length - 1] == '\r') {
          length--;
        }
      }
      if (length == 0) {
        throw new Pkcs11Exception("pin-source " + file + ": is empty");
      }
      if (length > Pkcs11UriParser.MAX_PIN) {
        throw new Pkcs11Exception("pin-source " + file + ": is longer than a PIN (" + Pkcs11UriParser.MAX_PIN + " bytes)");
      }
      byte[] pin = Arrays.copyOf(bytes, length);
      try {
        return SecretBytes.copyOf(pin);
      } finally {
        Arrays.fill(pin, (byte) 0);
      }
    } catch (NoSuchFileException e) {
      throw new Pkcs11Exception("pin-source " + file + ": does not exist");
    } catch (IOException e) {
      throw new Pkcs11Exception("pin-source " + file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
    } finally {
      if (bytes != null) {
        Arrays.fill(bytes, (byte) 0);
      }
    }
  }
}
