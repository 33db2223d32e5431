package dev.castellan.attestation.image;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a path as a Nix archive, byte for byte what {@code nix-store --dump PATH} writes
 * (Nix {@code libutil/archive.cc}; the layout is in docs/image-hash.md).
 *
 * <p>Guarantees: symbolic links are serialised as links, never followed (the root included);
 * file contents are streamed, so memory is bounded by one directory listing, not by file sizes;
 * a device, socket or FIFO is refused naming its path, as Nix refuses it; a file whose size
 * changes while it is read is refused, since the length is written before the contents.
 */
public final class NarWriter {
  /** The version string every archive begins with. */
  public static final String MAGIC = "nix-archive-1";
  /** Directories below the root; a real system closure is a few tens deep. */
  public static final int MAX_DEPTH = 256;
  /**
   * Entries in one directory, all held (name bytes, at most 255 each on Linux) to be sorted:
   * 2^20 × 255 B bounds the listing at about 270 MB in the worst case; a Nix store with a
   * full system has some tens of thousands.
   */
  public static final int MAX_DIRECTORY_ENTRIES = 1 << 20;

  private static final byte[] PADDING = new byte[8];
  private static final int BUFFER = 64 * 1024;
  private static final Charset NAMES = fileNameCharset();

  private final OutputStream out;
  private final byte[] buffer = new byte[BUFFER];

  private NarWriter(OutputStream out) {
    this.out = out;
  }

  /** Writes the archive of {@code path} to {@code out} (flushed, not closed). */
  public static void write(Path path, OutputStream out) throws IOException {
    BufferedOutputStream buffered = new BufferedOutputStream(out, BUFFER);
    NarWriter writer = new NarWriter(buffered);
    writer.string(MAGIC);
    writer.node(path, 0);
    buffered.flush();
  }

  private void node(Path path, int depth) throws IOException {
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException e) {
      throw new ImageHashException(path, "the file system has no POSIX attributes (the executable bit)");
    }
    string("(");
    string("type");
    if (attributes.isSymbolicLink()) {
      string("symlink");
      string("target");
      string(bytes(path, Files.readSymbolicLink(path).toString()));
    } else if (attributes.isDirectory()) {
      string("directory");
      directory(path, depth);
    } else if (attributes.isRegularFile()) {
      string("regular");
      if (attributes.permissions().contains(PosixFilePermission.OWNER_EXECUTE)) {
        string("executable");
        string("");
      }
      string("contents");
      contents(path, attributes.size());
    } else {
      throw new ImageHashException(path, "is " + FileKind.of(path) + "; an image holds only regular files,"
          + " directories and symbolic links");
    }
    string(")");
  }

  private void directory(Path path, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new ImageHashException(path, "is more than " + MAX_DEPTH + " directories deep");
    }
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(path)) {
      for (Path child : listing) {
        if (entries.size() == MAX_DIRECTORY_ENTRIES) {
          throw new ImageHashException(path, "has more than " + MAX_DIRECTORY_ENTRIES + " entries");
        }
        Path name = child.getFileName();
        entries.add(new Entry(bytes(child, name.toString()), child));
      }
    }
    // Nix keeps entries in a std::map<std::string, ...>: byte-wise, unsigned order.
    entries.sort((a, b) -> Arrays.compareUnsigned(a.name, b.name));
    for (Entry entry : entries) {
      string("entry");
      string("(");
      string("name");
      string(entry.name);
      string("node");
      node(entry.path, depth + 1);
      string(")");
    }
  }

  private void contents(Path path, long size) throws IOException {
    long64(size);
    long remaining = size;
    try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
      while (remaining > 0) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (read < 0) {
          throw new ImageHashException(path, "became shorter while it was read (" + size + " bytes expected)");
        }
        out.write(buffer, 0, read);
        remaining -= read;
      }
      if (in.read() >= 0) {
        throw new ImageHashException(path, "grew while it was read (" + size + " bytes expected)");
      }
    }
    out.write(PADDING, 0, padding(size));
  }

  private void string(String ascii) throws IOException {
    string(ascii.getBytes(StandardCharsets.US_ASCII));
  }

  private void string(byte[] bytes) throws IOException {
    long64(bytes.length);
    out.write(bytes);
    out.write(PADDING, 0, padding(bytes.length));
  }

  private void long64(long value) throws IOException {
    for (int i = 0; i < 8; i++) {
      out.write((int) (value >>> (8 * i)) & 0xff);
    }
  }

  /** The zero bytes that bring {@code length} to a multiple of 8. */
  static int padding(long length) {
    return (int) ((8 - (length & 7)) & 7);
  }

  /**
   * The bytes of a file name or link target as the file system holds them. The JDK decodes
   * them with {@code sun.jnu.encoding} and replaces what does not decode with U+FFFD, which
   * would change the hash silently: such a name is refused instead.
   */
  private static byte[] bytes(Path path, String text) throws ImageHashException {
    if (text.indexOf('\ufffd') >= 0) {
      throw new ImageHashException(path, "has a name or link target that is not valid " + NAMES.name()
          + " (run with a UTF-8 locale, such as LANG=C.UTF-8)");
    }
    return text.getBytes(NAMES);
  }

  private static Charset fileNameCharset() {
    try {
      return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
    } catch (IllegalArgumentException e) {
      return StandardCharsets.UTF_8;
    }
  }

  private record Entry(byte[] name, Path path) {}
}
