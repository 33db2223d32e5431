package dev.castellan.authority.totp;

/** The data masks and the penalty score that chooses among them (ISO/IEC 18004 §7.8.2–7.8.3). */
final class QrPenalty {
  private QrPenalty() {}

  /** Whether mask pattern {@code mask} inverts the module at row {@code i}, column {@code j}. */
  static boolean masked(int mask, int i, int j) {
    return switch (mask) {
      case 0 -> (i + j) % 2 == 0;
      case 1 -> i % 2 == 0;
      case 2 -> j % 3 == 0;
      case 3 -> (i + j) % 3 == 0;
      case 4 -> (i / 2 + j / 3) % 2 == 0;
      case 5 -> (i * j) % 2 + (i * j) % 3 == 0;
      case 6 -> ((i * j) % 2 + (i * j) % 3) % 2 == 0;
      case 7 -> ((i + j) % 2 + (i * j) % 3) % 2 == 0;
      default -> throw new IllegalArgumentException("mask is 0..7");
    };
  }

  /** N1 runs of five or more, N2 2×2 blocks, N3 finder-like 1:1:3:1:1 runs, N4 dark proportion. */
  static int score(boolean[][] m) {
    int size = m.length;
    int penalty = 0;
    int darkCount = 0;
    for (int a = 0; a < size; a++) {
      penalty += runs(m, a, true) + runs(m, a, false);
      for (int b = 0; b < size; b++) {
        darkCount += m[a][b] ? 1 : 0;
        if (a + 1 < size && b + 1 < size && m[a][b] == m[a][b + 1] && m[a][b] == m[a + 1][b] && m[a][b] == m[a + 1][b + 1]) {
          penalty += 3;
        }
        if (b + 10 < size && (finderLike(m, a, b, true) || finderLike(m, a, b, false))) {
          penalty += 40;
        }
      }
    }
    int percentOff = Math.abs(darkCount * 100 / (size * size) - 50);
    return penalty + 10 * (percentOff / 5);
  }

  private static boolean at(boolean[][] m, int line, int k, boolean row) {
    return row ? m[line][k] : m[k][line];
  }

  private static int runs(boolean[][] m, int line, boolean row) {
    int penalty = 0;
    int run = 1;
    for (int k = 1; k <= m.length; k++) {
      if (k < m.length && at(m, line, k, row) == at(m, line, k - 1, row)) {
        run++;
      } else {
        penalty += run >= 5 ? run - 2 : 0;
        run = 1;
      }
    }
    return penalty;
  }

  /** dark-light-dark×3-light-dark with four light modules on either side, starting at (line, k). */
  private static boolean finderLike(boolean[][] m, int line, int k, boolean row) {
    boolean[] core = {true, false, true, true, true, false, true};
    boolean[] light = {false, false, false, false};
    return matches(m, line, k, row, light, core) || matches(m, line, k, row, core, light);
  }

  private static boolean matches(boolean[][] m, int line, int k, boolean row, boolean[] first, boolean[] second) {
    for (int i = 0; i < first.length + second.length; i++) {
      boolean want = i < first.length ? first[i] : second[i - first.length];
      if (at(m, line, k + i, row) != want) {
        return false;
      }
    }
    return true;
  }
}
