package dev.castellan.attestation.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A path cannot be serialised as a Nix archive: a file type NAR has no form for (a device, a
 * socket, a FIFO), a tree deeper or a directory larger than the bounds, a file that changed
 * while it was read, a name that is not text in the file system's encoding. The message is
 * {@code <path>: <reason>}, with control characters in the path escaped.
 */
public final class ImageHashException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String path;

  public ImageHashException(Path path, String reason) {
    this(printable(path.toString()), reason, null);
  }

  public ImageHashException(Path path, String reason, Throwable cause) {
    this(printable(path.toString()), reason, cause);
  }

  private ImageHashException(String path, String reason, Throwable cause) {
    super(path + ": " + reason, cause);
    this.path = path;
  }

  /** The path concerned, as printed in the message. */
  public String path() {
    return path;
  }

  /** A file name is attacker-chosen text: control characters and backslashes print as escapes. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (c == '\\') {
        out.append("\\\\");
      } else if (Character.isISOControl(c) || c == 0xfffd || Character.getType(c) == Character.FORMAT) {
        out.append(String.format(Locale.ROOT, "\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}
