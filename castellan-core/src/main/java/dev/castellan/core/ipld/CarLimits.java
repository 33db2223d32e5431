package dev.castellan.core.ipld;

/**
 * Bounds for {@link CarReader}: nothing larger than these is ever allocated from a length
 * read from the file.
 *
 * @param maxHeaderBytes largest header block (default 1 MiB; real headers are under 1 KiB)
 * @param maxSectionBytes largest section, CID plus block (default 8 MiB: IPFS blocks are at
 *     most 2 MiB, and go-car's default limit is 8 MiB)
 */
public record CarLimits(int maxHeaderBytes, int maxSectionBytes) {
  public static final CarLimits DEFAULT = new CarLimits(1 << 20, 8 << 20);

  public CarLimits {
    if (maxHeaderBytes < 1 || maxSectionBytes < 1) {
      throw new IllegalArgumentException("CAR limits must be positive");
    }
  }
}
