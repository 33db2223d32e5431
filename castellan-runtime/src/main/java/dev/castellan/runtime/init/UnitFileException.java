package dev.castellan.runtime.init;

import java.nio.file.Path;
import java.util.Locale;

/** A unit file that is not valid: {@code units/a.service: line 3: unknown key Restrat}. */
public final class UnitFileException extends InitException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;
  private final String reason;

  /** {@code reason} at {@code line} of {@code file}; line 0 means the file as a whole. */
  public UnitFileException(Path file, int line, String reason) {
    super(line > 0 ? String.format(Locale.ROOT, "%s: line %d: %s", file, line, reason) : file + ": " + reason);
    this.file = file;
    this.line = line;
    this.reason = reason;
  }

  public Path file() {
    return file;
  }

  /** The 1-based line, or 0 when the problem is the file as a whole. */
  public int line() {
    return line;
  }

  public String reason() {
    return reason;
  }
}
