package dev.castellan.cli;

import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A one-line progress bar on standard error for long operations ({@code log verify}, {@code
 * log export}, bulk appends). It is drawn only on a terminal ({@code
 * System.console().isTerminal()}) and never with the global {@code --quiet}, so pipes and logs stay clean. The system
 * property {@code castellan.progress=always} draws it without a terminal (for tests and for
 * CI logs that want it); {@code --quiet} still wins.
 */
public final class Progress implements AutoCloseable {
  /** The global option; see {@link CastellanCommand}. */
  public static final String QUIET = "--quiet";
  private static final int WIDTH = 30;
  /** Redraw at most this often, so that a fast loop is not slowed by the terminal. */
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final String unit;
  private final boolean shown;
  private long lastDrawn = Long.MIN_VALUE;
  private boolean drawn;
  private int drawnLength;

  private Progress(PrintWriter err, String unit, boolean shown) {
    this.err = err;
    this.unit = unit;
    this.shown = shown;
  }

  /** A progress bar for {@code spec}'s command, counting {@code unit} ("records", "files"). */
  public static Progress of(CommandSpec spec, String unit) {
    // Since JDK 22 System.console() is not null when the streams are redirected: ask isTerminal().
    java.io.Console console = System.console();
    boolean terminal = console != null && console.isTerminal() || "always".equals(System.getProperty("castellan.progress"));
    return new Progress(spec.commandLine().getErr(), unit, terminal && !quiet(spec));
  }

  /** Whether {@code --quiet} was given anywhere on the command line (it is inherited by every subcommand). */
  public static boolean quiet(CommandSpec spec) {
    for (CommandLine c = spec.commandLine(); c != null; c = c.getParent()) {
      if (c.getParseResult() != null && c.getParseResult().hasMatchedOption(QUIET)) {
        return true;
      }
    }
    return false;
  }

  public boolean shown() {
    return shown;
  }

  /** {@code done} of {@code total} are done. */
  public void update(long done, long total) {
    if (!shown) {
      return;
    }
    long now = System.nanoTime();
    if (done < total && drawn && now - lastDrawn < REDRAW_NANOS) {
      return;
    }
    lastDrawn = now;
    drawn = true;
    long safeTotal = Math.max(1, total);
    int filled = (int) Math.min(WIDTH, WIDTH * done / safeTotal);
    String line = String.format(Locale.ROOT, "[%s%s] %3d%% %d/%d %s", "#".repeat(filled), " ".repeat(WIDTH - filled),
        Math.min(100, 100 * done / safeTotal), done, total, unit);
    err.print("\r" + line);
    err.flush();
    drawnLength = line.length();
  }

  /**
   * Erases the bar before the command prints a line of its own on the same terminal; the
   * next {@link #update} draws it again.
   */
  public void clear() {
    if (shown && drawn) {
      err.print("\r" + " ".repeat(drawnLength) + "\r");
      err.flush();
      drawn = false;
    }
  }

  /** Ends the bar's line, so that what follows starts on a line of its own. */
  @Override
  public void close() {
    if (shown && drawn) {
      err.println();
      err.flush();
    }
  }
}
