package dev.castellan.attestation.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castellan.testkit.Nix;
import dev.castellan.testkit.Swtpm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NarWriterTest {
  @TempDir Path temp;

  @Test
  void write_handBuiltTree_isByteForByteNixStoreDump() throws Exception {
    Path root = ImageTree.build(temp.resolve("root"));
    assertArrayEquals(Nix.dump(root), nar(root));
  }

  /** The framing written out by hand, independently of the writer's code. */
  @Test
  void write_executableFile_hasTheDocumentedLayout() throws Exception {
    Path file = Files.writeString(temp.resolve("x"), "hello world");
    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (String token : new String[] {"nix-archive-1", "(", "type", "regular", "executable", "", "contents",
        "hello world", ")"}) {
      byte[] bytes = token.getBytes(StandardCharsets.US_ASCII);
      expected.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(bytes.length).array());
      expected.writeBytes(bytes);
      expected.writeBytes(new byte[(8 - bytes.length % 8) % 8]);
    }
    assertArrayEquals(expected.toByteArray(), nar(file));
  }

  @Test
  void write_namesSortByteWise() throws Exception {
    Path root = ImageTree.build(temp.resolve("root"));
    ByteBuffer nar = ByteBuffer.wrap(nar(root.resolve("sorted"))).order(ByteOrder.LITTLE_ENDIAN);
    java.util.List<String> names = new java.util.ArrayList<>();
    while (nar.hasRemaining()) {
      if (token(nar).equals("name")) {
        names.add(token(nar));
      }
    }
    assertEquals(java.util.List.of("0", "B", "Z", "_", "a", "a-b", "a.b", "ab"), names);
  }

  private static String token(ByteBuffer nar) {
    byte[] bytes = new byte[(int) nar.getLong()];
    nar.get(bytes);
    nar.position(nar.position() + NarWriter.padding(bytes.length));
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  @Test
  void write_fifo_isRefusedNamingIt() throws Exception {
    Assumptions.assumeTrue(Swtpm.installed("mkfifo"), "mkfifo (coreutils) is not installed");
    Path dir = Files.createDirectory(temp.resolve("with-fifo"));
    Path fifo = dir.resolve("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
    ImageHashException e = assertThrows(ImageHashException.class, () -> ImageHash.of(dir));
    assertEquals(fifo + ": is a FIFO; an image holds only regular files, directories and symbolic links",
        e.getMessage());
    assertThrows(ImageHashException.class, () -> ImageHash.of(fifo));
  }

  @Test
  void write_tooDeep_isRefused() throws Exception {
    Path deep = temp.resolve("deep");
    Path at = deep;
    for (int i = 0; i <= NarWriter.MAX_DEPTH; i++) {
      at = at.resolve("d");
    }
    Files.createDirectories(at);
    ImageHashException e = assertThrows(ImageHashException.class, () -> ImageHash.of(deep));
    assertTrue(e.getMessage().endsWith("is more than " + NarWriter.MAX_DEPTH + " directories deep"), e.getMessage());
    ImageHash.of(deep.resolve("d")); // exactly MAX_DEPTH directories below the root: accepted
  }

  @Test
  void write_missingPath_throwsNoSuchFile() {
    assertThrows(java.nio.file.NoSuchFileException.class, () -> ImageHash.of(temp.resolve("absent")));
  }

  @Test
  void printable_controlCharacters_areEscaped() {
    assertEquals("a\\u000ab\\\\c", ImageHashException.printable("a\nb\\c"));
  }

  @Test
  void padding_roundsUpToEight() {
    assertEquals(0, NarWriter.padding(0));
    assertEquals(7, NarWriter.padding(1));
    assertEquals(0, NarWriter.padding(8));
    assertEquals(3, NarWriter.padding(13));
  }

  private static byte[] nar(Path path) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NarWriter.write(path, out);
    return out.toByteArray();
  }
}
