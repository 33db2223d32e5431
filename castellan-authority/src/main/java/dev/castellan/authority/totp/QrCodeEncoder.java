package dev.castellan.authority.totp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A minimal QR code encoder (ISO/IEC 18004): one byte-mode segment of UTF-8, error correction
 * level M (about 15% recovery), versions 1 to 10 (up to 213 bytes: a key URI with a SHA-512
 * secret is about 195), the mask chosen by the standard's penalty score. Text that does not
 * fit version 10 gives no symbol.
 */
public final class QrCodeEncoder implements QrEncoder {
  /** Per version 1..10 at level M: total codewords, EC codewords per block, blocks (short blocks first). */
  static final int[] TOTAL_CODEWORDS = {0, 26, 44, 70, 100, 134, 172, 196, 242, 292, 346};
  static final int[] EC_PER_BLOCK = {0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26};
  static final int[] BLOCKS = {0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5};
  static final int MAX_VERSION = 10;

  @Override
  public Optional<boolean[][]> encode(String text) {
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    for (int version = 1; version <= MAX_VERSION; version++) {
      int countBits = version < 10 ? 8 : 16;
      if (4 + countBits + 8L * data.length <= 8L * dataCodewords(version)) {
        return Optional.of(QrMatrix.build(version, codewords(version, dataCodewords(version, data, countBits))));
      }
    }
    return Optional.empty();
  }

  static int dataCodewords(int version) {
    return TOTAL_CODEWORDS[version] - EC_PER_BLOCK[version] * BLOCKS[version];
  }

  /** Mode indicator 0100, the count, the bytes, a terminator, then pad codewords 0xEC 0x11 (§7.4). */
  static byte[] dataCodewords(int version, byte[] data, int countBits) {
    int capacity = dataCodewords(version);
    BitBuffer bits = new BitBuffer();
    bits.append(0b0100, 4);
    bits.append(data.length, countBits);
    for (byte b : data) {
      bits.append(b & 0xff, 8);
    }
    bits.append(0, Math.min(4, capacity * 8 - bits.length));
    bits.append(0, (8 - bits.length % 8) % 8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bits.toBytes());
    for (int pad = 0xec; out.size() < capacity; pad ^= 0xec ^ 0x11) {
      out.write(pad);
    }
    return out.toByteArray();
  }

  /** Splits into blocks, adds each block's EC codewords and interleaves (§7.6). */
  static byte[] codewords(int version, byte[] data) {
    int blocks = BLOCKS[version];
    int ec = EC_PER_BLOCK[version];
    int shortLength = data.length / blocks;
    int longBlocks = data.length % blocks;
    byte[][] dataBlocks = new byte[blocks][];
    byte[][] ecBlocks = new byte[blocks][];
    for (int b = 0, offset = 0; b < blocks; b++) {
      int length = shortLength + (b >= blocks - longBlocks ? 1 : 0);
      dataBlocks[b] = java.util.Arrays.copyOfRange(data, offset, offset + length);
      ecBlocks[b] = ReedSolomon.remainder(dataBlocks[b], ec);
      offset += length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i <= shortLength; i++) {
      for (byte[] block : dataBlocks) {
        if (i < block.length) {
          out.write(block[i]);
        }
      }
    }
    for (int i = 0; i < ec; i++) {
      for (byte[] block : ecBlocks) {
        out.write(block[i]);
      }
    }
    return out.toByteArray();
  }

  /** Bits, most significant first. */
  static final class BitBuffer {
    private final java.util.BitSet set = new java.util.BitSet();
    int length;

    void append(int value, int count) {
      for (int i = count - 1; i >= 0; i--) {
        set.set(length++, ((value >>> i) & 1) != 0);
      }
    }

    byte[] toBytes() {
      byte[] out = new byte[(length + 7) / 8];
      for (int i = 0; i < length; i++) {
        if (set.get(i)) {
          out[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
      }
      return out;
    }
  }
}
