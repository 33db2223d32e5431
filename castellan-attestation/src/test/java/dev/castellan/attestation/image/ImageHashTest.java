package dev.castellan.attestation.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castellan.testkit.Nix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageHashTest {
  @TempDir Path temp;

  @Test
  void of_handBuiltTree_equalsWhatNixComputed() throws Exception {
    Path root = ImageTree.build(temp.resolve("root"));
    ImageHash hash = ImageHash.of(root);
    assertEquals(ImageTree.TREE_HEX, hash.hex());
    assertEquals(ImageTree.TREE_SRI, hash.sri());
    assertEquals("sha256:" + ImageTree.TREE_BASE32, hash.nixBase32());
    assertEquals(ImageTree.FILE_HEX, ImageHash.of(root.resolve("file")).hex());
    assertEquals("sha256:" + ImageTree.FILE_BASE32, ImageHash.of(root.resolve("file")).nixBase32());
    assertEquals(ImageTree.EXE_HEX, ImageHash.of(root.resolve("exe")).hex());
    assertEquals(ImageTree.LINK_HEX, ImageHash.of(root.resolve("link")).hex());
    assertEquals(ImageTree.EMPTY_HEX, ImageHash.of(root.resolve("empty")).hex());
    assertEquals(ImageTree.SORTED_HEX, ImageHash.of(root.resolve("sorted")).hex());
  }

  @Test
  void of_handBuiltTree_equalsNixHashAndNixHashPath() throws Exception {
    Path root = ImageTree.build(temp.resolve("root"));
    ImageHash hash = ImageHash.of(root);
    assertEquals(Nix.nixHash(root, false), hash.hex());
    assertEquals("sha256:" + Nix.nixHash(root, true), hash.nixBase32());
    assertEquals(Nix.hashPath(root, false), hash.sri(), "nix hash path prints the SRI form");
    assertEquals("sha256:" + Nix.hashPath(root, true), hash.nixBase32());
  }

  @Test
  void of_eachNodeOnItsOwn_equalsNix() throws Exception {
    Path root = ImageTree.build(temp.resolve("root"));
    Files.writeString(root.resolve("é-non-ascii"), "ü");
    for (String node : new String[] {"", "file", "exe", "link", "dangling", "empty", "sorted", "nested", "nested/a/b/c/deep"}) {
      Path path = node.isEmpty() ? root : root.resolve(node);
      assertEquals(Nix.nixHash(path, false), ImageHash.of(path).hex(), node);
    }
  }

  @Test
  void of_executableBit_changesTheHash() throws Exception {
    Path file = Files.writeString(temp.resolve("f"), "same");
    ImageHash plain = ImageHash.of(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr--r--"));
    assertNotEquals(plain, ImageHash.of(file));
    // Only the owner's bit counts, as in Nix (S_IXUSR).
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-xr-x"));
    assertEquals(plain, ImageHash.of(file));
  }

  @Test
  void of_symlinkRoot_isNotFollowed() throws Exception {
    Path root = ImageTree.build(temp.resolve("root"));
    Path link = Files.createSymbolicLink(temp.resolve("to-root"), root);
    assertNotEquals(ImageHash.of(root), ImageHash.of(link));
    assertEquals(Nix.nixHash(link, false), ImageHash.of(link).hex());
  }

  @Test
  void parse_eachForm_givesTheSameHash() {
    ImageHash hash = ImageHash.parse(ImageTree.TREE_HEX);
    assertEquals(hash, ImageHash.parse(hash.nixBase32()));
    assertEquals(hash, ImageHash.parse(hash.nixBase32().substring("sha256:".length())));
    assertEquals(hash, ImageHash.parse(ImageTree.TREE_SRI));
    assertEquals(hash, ImageHash.parse(ImageTree.TREE_HEX.toUpperCase(java.util.Locale.ROOT)));
    assertArrayEquals(dev.castellan.core.bytes.Hex.decode(ImageTree.TREE_HEX), hash.digest());
  }

  @Test
  void parse_malformed_throws() {
    for (String bad : new String[] {"", "sha256:", "sha256-AAAA", "sha256-!!!", ImageTree.TREE_HEX.substring(2),
        "sha256:" + "e".repeat(52), "sha512:" + ImageTree.FILE_BASE32, ImageTree.TREE_HEX.replace('a', 'g')}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageHash.parse(bad), bad);
      assertTrue(e.getMessage().contains("image hash") || e.getMessage().contains("base-32")
          || e.getMessage().contains("hex"), e.getMessage());
    }
  }
}
