package dev.castellan.authority.totp;

/**
 * Lays out a QR symbol (ISO/IEC 18004 §7.7–7.9): finder, separator, timing and alignment
 * patterns, the dark module, format and version information, the codewords in the two-column
 * zigzag, and the mask with the lowest penalty score (§7.8.3). Error correction level M only.
 */
final class QrMatrix {
  /** Alignment pattern centre coordinates for versions 1..10 (§7.7.3, Annex E). */
  private static final int[][] ALIGNMENT = {
    {}, {}, {6, 18}, {6, 22}, {6, 26}, {6, 30}, {6, 34}, {6, 22, 38}, {6, 24, 42}, {6, 26, 46}, {6, 28, 50},
  };
  /** Level M's two format bits (§7.9.1: L 01, M 00, Q 11, H 10). */
  static final int LEVEL_M = 0b00;

  private final int size;
  private final boolean[][] dark;
  private final boolean[][] function;

  private QrMatrix(int version) {
    size = 17 + 4 * version;
    dark = new boolean[size][size];
    function = new boolean[size][size];
  }

  static boolean[][] build(int version, byte[] codewords) {
    QrMatrix best = null;
    int bestPenalty = Integer.MAX_VALUE;
    for (int mask = 0; mask < 8; mask++) {
      QrMatrix m = new QrMatrix(version);
      m.drawFunctionPatterns(version);
      m.placeCodewords(codewords);
      m.applyMask(mask);
      m.drawFormat(mask);
      int penalty = QrPenalty.score(m.dark);
      if (penalty < bestPenalty) {
        best = m;
        bestPenalty = penalty;
      }
    }
    return best.dark;
  }

  private void set(int x, int y, boolean value) {
    dark[y][x] = value;
    function[y][x] = true;
  }

  private void drawFunctionPatterns(int version) {
    for (int i = 0; i < size; i++) {
      set(6, i, i % 2 == 0);
      set(i, 6, i % 2 == 0);
    }
    finder(3, 3);
    finder(size - 4, 3);
    finder(3, size - 4);
    int[] centres = ALIGNMENT[version];
    for (int cy : centres) {
      for (int cx : centres) {
        boolean onFinder = cx == 6 && cy == 6 || cx == 6 && cy == size - 7 || cx == size - 7 && cy == 6;
        if (!onFinder) {
          for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
              set(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) != 1);
            }
          }
        }
      }
    }
    drawFormat(0); // reserves the format areas; redrawn with the chosen mask
    if (version >= 7) {
      int bits = versionBits(version);
      for (int i = 0; i < 18; i++) {
        boolean bit = ((bits >>> i) & 1) != 0;
        int a = size - 11 + i % 3;
        int b = i / 3;
        set(a, b, bit);
        set(b, a, bit);
      }
    }
  }

  /** A 7×7 finder centred at (cx, cy) with its light separator, clipped to the symbol. */
  private void finder(int cx, int cy) {
    for (int dy = -4; dy <= 4; dy++) {
      for (int dx = -4; dx <= 4; dx++) {
        int x = cx + dx;
        int y = cy + dy;
        if (x >= 0 && x < size && y >= 0 && y < size) {
          int ring = Math.max(Math.abs(dx), Math.abs(dy));
          set(x, y, ring != 2 && ring != 4);
        }
      }
    }
  }

  /** 15 bits: level and mask, BCH(15,5) with generator 0x537, XOR 0x5412 (§7.9.1). */
  static int formatBits(int level, int mask) {
    int data = level << 3 | mask;
    int remainder = data;
    for (int i = 0; i < 10; i++) {
      remainder = (remainder << 1) ^ ((remainder >>> 9) * 0x537);
    }
    return (data << 10 | remainder) ^ 0x5412;
  }

  /** 18 bits: the version, BCH(18,6) with generator 0x1F25 (§7.10). */
  static int versionBits(int version) {
    int remainder = version;
    for (int i = 0; i < 12; i++) {
      remainder = (remainder << 1) ^ ((remainder >>> 11) * 0x1f25);
    }
    return version << 12 | remainder;
  }

  private void drawFormat(int mask) {
    int bits = formatBits(LEVEL_M, mask);
    for (int i = 0; i <= 5; i++) {
      set(8, i, bit(bits, i));
    }
    set(8, 7, bit(bits, 6));
    set(8, 8, bit(bits, 7));
    set(7, 8, bit(bits, 8));
    for (int i = 9; i < 15; i++) {
      set(14 - i, 8, bit(bits, i));
    }
    for (int i = 0; i < 8; i++) {
      set(size - 1 - i, 8, bit(bits, i));
    }
    for (int i = 8; i < 15; i++) {
      set(8, size - 15 + i, bit(bits, i));
    }
    set(8, size - 8, true); // the dark module
  }

  private static boolean bit(int value, int index) {
    return ((value >>> index) & 1) != 0;
  }

  /** Upwards and downwards in column pairs from the bottom right, skipping the vertical timing column (§7.7.3). */
  private void placeCodewords(byte[] codewords) {
    int index = 0;
    for (int right = size - 1; right >= 1; right -= 2) {
      if (right == 6) {
        right = 5;
      }
      boolean upward = ((right + 1) & 2) == 0;
      for (int vertical = 0; vertical < size; vertical++) {
        int y = upward ? size - 1 - vertical : vertical;
        for (int j = 0; j < 2; j++) {
          int x = right - j;
          if (!function[y][x] && index < codewords.length * 8) {
            dark[y][x] = ((codewords[index >>> 3] >>> (7 - (index & 7))) & 1) != 0;
            index++;
          }
        }
      }
    }
  }

  private void applyMask(int mask) {
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        if (!function[y][x] && QrPenalty.masked(mask, y, x)) {
          dark[y][x] = !dark[y][x];
        }
      }
    }
  }
}
