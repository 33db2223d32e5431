package dev.castellan.authority.entropy;

/**
 * A publication cryptod will not mix in; {@code rule} is a fixed name (docs/authority.md,
 * "Entropy (entropyd)"), never text or bytes from the frame.
 */
final class ChunkRejected extends Exception {
  private static final long serialVersionUID = 1L;
  final String rule;

  ChunkRejected(String rule) {
    super(rule, null, false, false);
    this.rule = rule;
  }
}
