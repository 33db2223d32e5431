package dev.castellan.runtime.init.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A service's log, {@code NAME.log}: appended to until a write would take it past the size,
 * then renamed to {@code NAME.log.1} (the older ones shifting to {@code .2} ... and the oldest
 * beyond the count deleted) and started afresh. So a service's logs take at most
 * {@code size × (files + 1)} bytes plus one write.
 */
public final class RotatingLog implements AutoCloseable {
  /** The most bytes {@link #tail} reads back: 1 MiB, whatever the number of lines asked. */
  public static final int TAIL_LIMIT = 1 << 20;

  private final Path file;
  private final long size;
  private final int files;
  private OutputStream out;
  private long written;

  /** Appends to {@code file}, rotating at {@code size} bytes, keeping {@code files} old files. */
  public RotatingLog(Path file, long size, int files) throws IOException {
    this.file = file;
    this.size = size;
    this.files = files;
    Files.createDirectories(file.toAbsolutePath().getParent());
    open();
  }

  private void open() throws IOException {
    out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    written = Files.size(file);
  }

  /** Appends {@code length} bytes, rotating first if they would not fit. */
  public synchronized void write(byte[] buffer, int offset, int length) throws IOException {
    if (written > 0 && written + length > size) {
      rotate();
    }
    out.write(buffer, offset, length);
    out.flush();
    written += length;
  }

  /** Appends one line of the manager's own (a start, an exit), so the log tells the story. */
  public void note(String line) throws IOException {
    byte[] bytes = ("[init] " + line + "\n").getBytes(StandardCharsets.UTF_8);
    write(bytes, 0, bytes.length);
  }

  private void rotate() throws IOException {
    out.close();
    if (files == 0) {
      Files.delete(file);
    } else {
      Files.deleteIfExists(rotated(files));
      for (int i = files - 1; i >= 1; i--) {
        if (Files.exists(rotated(i))) {
          Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
    }
    open();
  }

  private Path rotated(int index) {
    return file.resolveSibling(file.getFileName() + "." + index);
  }

  /**
   * The last {@code lines} lines, from the current file and, where it holds fewer, the rotated
   * ones before it; at most {@link #TAIL_LIMIT} bytes are read in all.
   */
  public synchronized List<String> tail(int lines) throws IOException {
    Deque<String> last = new ArrayDeque<>();
    long budget = TAIL_LIMIT;
    for (int index = 0; index <= files && last.size() < lines && budget > 0; index++) {
      Path source = index == 0 ? file : rotated(index);
      if (!Files.exists(source)) {
        break;
      }
      List<String> fileLines = tailOf(source, budget);
      budget -= Files.size(source);
      for (int i = fileLines.size() - 1; i >= 0 && last.size() < lines; i--) {
        last.addFirst(fileLines.get(i));
      }
    }
    return new ArrayList<>(last);
  }

  /** The lines of the last {@code budget} bytes of {@code source} (the first may be partial). */
  private static List<String> tailOf(Path source, long budget) throws IOException {
    try (RandomAccessFile in = new RandomAccessFile(source.toFile(), "r")) {
      long length = in.length();
      long start = Math.max(0, length - budget);
      byte[] bytes = new byte[(int) (length - start)];
      in.seek(start);
      in.readFully(bytes);
      List<String> out = new ArrayList<>(List.of(new String(bytes, StandardCharsets.UTF_8).split("\n", -1)));
      if (!out.isEmpty() && out.getLast().isEmpty()) {
        out.removeLast();
      }
      return out;
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
