package dev.castellan.log.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.log.checkpoint.Checkpoint;
import dev.castellan.log.checkpoint.SignedCheckpoint;
import dev.castellan.log.merkle.HashTree;
import dev.castellan.log.merkle.NodeSource;
import dev.castellan.log.merkle.Subtrees;
import dev.castellan.log.merkle.TreeHasher;
import dev.castellan.log.note.NoteSigner;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TilesTest {
  @TempDir Path dir;

  @Test
  void indexPath_specExample() {
    assertThat(TileLayout.indexPath(1234067)).isEqualTo("x001/x234/067");
    assertThat(TileLayout.indexPath(0)).isEqualTo("000");
    assertThat(TileLayout.indexPath(1000)).isEqualTo("x001/000");
    assertThat(TileLayout.tilePath(0, 5, 112)).isEqualTo("tile/0/005.p/112");
    assertThat(TileLayout.entriesPath(273, 256)).isEqualTo("tile/entries/273");
  }

  @Test
  void write_size70000_specTileSetAndContentsRebuildTheRoot() throws Exception {
    long size = 70_000;
    HashTree tree = new HashTree();
    for (long i = 0; i < size; i++) {
      tree.appendLeafHash(TreeHasher.leafHash(entry(i)));
    }
    NoteSigner key = NoteSigner.generate("castellan.test/tiles", new SecureRandom());
    SignedCheckpoint checkpoint = SignedCheckpoint.sign(new Checkpoint(key.name(), size, tree.root(size)), key);
    TileWriter.write(dir, checkpoint, tree, TilesTest::entry);

    // The spec's example: 273 full level-0 tiles and a partial of 112, one full level-1 tile
    // and a partial of 17, a partial level-2 tile of width 1.
    Set<String> files = new HashSet<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile).forEach(p -> files.add(dir.relativize(p).toString()));
    }
    assertThat(files.stream().filter(f -> f.startsWith("tile/0/"))).hasSize(274).contains("tile/0/272", "tile/0/273.p/112");
    assertThat(files.stream().filter(f -> f.startsWith("tile/1/"))).containsExactlyInAnyOrder("tile/1/000", "tile/1/001.p/17");
    assertThat(files.stream().filter(f -> f.startsWith("tile/2/"))).containsExactly("tile/2/000.p/1");
    assertThat(files.stream().filter(f -> f.startsWith("tile/entries/"))).hasSize(274).contains("tile/entries/273.p/112");
    assertThat(Files.readAllBytes(dir.resolve("checkpoint"))).isEqualTo(checkpoint.note());

    // A client's view: level-1 hashes are the roots of full level-0 tiles; entries hash to level 0.
    byte[] level1 = Files.readAllBytes(dir.resolve("tile/1/000"));
    for (int i = 0; i < 256; i += 51) {
      byte[] level0 = Files.readAllBytes(dir.resolve(TileLayout.tilePath(0, i, 256)));
      assertThat(subtreeRoot(level0)).isEqualTo(Arrays.copyOfRange(level1, i * 32, i * 32 + 32));
    }
    ByteBuffer bundle = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("tile/entries/273.p/112")));
    byte[] tile = Files.readAllBytes(dir.resolve("tile/0/273.p/112"));
    for (int i = 0; i < 112; i++) {
      byte[] e = new byte[bundle.getShort() & 0xffff];
      bundle.get(e);
      assertThat(TreeHasher.leafHash(e)).isEqualTo(Arrays.copyOfRange(tile, i * 32, i * 32 + 32));
    }
    assertThat(bundle.hasRemaining()).isFalse();
  }

  private static byte[] subtreeRoot(byte[] fullTile) {
    NodeSource leaves = (level, index) -> {
      if (level != 0) {
        throw new IllegalStateException("only leaves are known");
      }
      return Arrays.copyOfRange(fullTile, (int) index * 32, (int) index * 32 + 32);
    };
    // Level 0 only: rangeHash recurses down to single leaves where a level-0 read is asked for.
    return Subtrees.root(new LeafOnly(leaves), 256);
  }

  /** Answers every node by hashing leaves, so only level 0 must be known. */
  private record LeafOnly(NodeSource leaves) implements NodeSource {
    @Override
    public byte[] node(int level, long index) {
      if (level == 0) {
        return leaves.node(0, index);
      }
      return TreeHasher.nodeHash(node(level - 1, index * 2), node(level - 1, index * 2 + 1));
    }
  }

  private static byte[] entry(long i) {
    return ByteBuffer.allocate(8).putLong(i * 7919).array();
  }
}
