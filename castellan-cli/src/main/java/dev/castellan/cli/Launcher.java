package dev.castellan.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How to write the {@code castellan} command in a next step the CLI prints, so that it can be
 * pasted into any shell in any directory: the absolute path of the launcher script when the
 * script said where it is (it passes {@code -Dcastellan.launcher}), else plain {@code
 * castellan} (installed on the PATH).
 */
public final class Launcher {
  /** The system property the {@code castellan} script sets to its own absolute path. */
  public static final String PROPERTY = "castellan.launcher";

  private Launcher() {}

  /** The command to print, quoted for a POSIX shell if it needs to be. */
  public static String command() {
    String launcher = System.getProperty(PROPERTY);
    if (launcher == null || launcher.isBlank() || !Files.isRegularFile(Path.of(launcher))) {
      return "castellan";
    }
    return shellWord(Path.of(launcher).toAbsolutePath().normalize().toString());
  }

  /** An absolute, normalised path, quoted for a POSIX shell if it needs to be. */
  public static String path(Path file) {
    return shellWord(file.toAbsolutePath().normalize().toString());
  }

  /** {@code word} as one POSIX shell word: as is when safe, else in single quotes. */
  static String shellWord(String word) {
    if (!word.isEmpty() && word.matches("[A-Za-z0-9_./:=@%+,-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
