package dev.castellan.authority.totp;

import java.util.Optional;

/**
 * Draws a QR symbol on a terminal with Unicode half blocks, two module rows per text line, with
 * the 4-module quiet zone ISO/IEC 18004 requires. Light modules are drawn as blocks and dark
 * ones as spaces, which reads correctly on the usual light-text-on-dark terminal; {@code
 * darkOnLight} inverts that for dark text on a light background.
 */
public final class TerminalQr {
  /** ISO/IEC 18004: a quiet zone four modules wide on every side. */
  public static final int QUIET_ZONE = 4;

  private static final char BOTH = '\u2588';
  private static final char UPPER = '\u2580';
  private static final char LOWER = '\u2584';

  private TerminalQr() {}

  /** The symbol as lines of text, or empty if it is wider than {@code maxColumns} with its quiet zone. */
  public static Optional<String> render(boolean[][] modules, int maxColumns, boolean darkOnLight) {
    int size = modules.length;
    int width = size + 2 * QUIET_ZONE;
    if (size == 0 || width > maxColumns) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder();
    for (int row = -QUIET_ZONE; row < size + QUIET_ZONE; row += 2) {
      for (int column = -QUIET_ZONE; column < size + QUIET_ZONE; column++) {
        boolean top = drawn(modules, row, column, darkOnLight);
        boolean bottom = row + 1 < size + QUIET_ZONE && drawn(modules, row + 1, column, darkOnLight);
        out.append(top ? (bottom ? BOTH : UPPER) : (bottom ? LOWER : ' '));
      }
      out.append('\n');
    }
    return Optional.of(out.toString());
  }

  private static boolean drawn(boolean[][] modules, int row, int column, boolean darkOnLight) {
    boolean inside = row >= 0 && column >= 0 && row < modules.length && column < modules.length;
    boolean dark = inside && modules[row][column];
    return darkOnLight == dark;
  }
}
