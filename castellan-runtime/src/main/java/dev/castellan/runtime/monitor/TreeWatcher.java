package dev.castellan.runtime.monitor;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link WatchService} over a directory tree: every directory not ignored is registered
 * (the JDK watches one directory per key), new ones as they appear. A new directory is walked
 * right after it is registered, so files created in it before the registration are found too.
 * Symbolic links are not followed. Registration is safe from any thread.
 */
final class TreeWatcher implements Closeable {
  /** What the watcher reports; paths are relative to the root, {@code /}-separated. */
  interface Events {
    void touched(String path, long nanos);

    void overflowed();

    void unreadable(String path, IOException reason);
  }

  /** Whether an absolute path under the root is left alone. */
  interface Filter {
    boolean ignored(Path path, boolean directory);
  }

  private final Path root;
  private final Filter filter;
  private final Events events;
  private final WatchService service;
  private final Map<WatchKey, Path> directories = new ConcurrentHashMap<>();
  private final Map<Path, WatchKey> keys = new ConcurrentHashMap<>();

  TreeWatcher(Path root, Filter filter, Events events) throws IOException {
    this.root = root;
    this.filter = filter;
    this.events = events;
    this.service = root.getFileSystem().newWatchService();
  }

  String relative(Path path) {
    return root.relativize(path).toString();
  }

  /** Registers {@code top} and every directory beneath it not ignored; touches each regular file at {@code nanos}. */
  void registerTree(Path top, long nanos) throws IOException {
    Files.walkFileTree(top, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
        if (!dir.equals(root) && filter.ignored(dir, true)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        try {
          register(dir);
        } catch (NoSuchFileException gone) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        if (!dir.equals(root)) {
          events.touched(relative(dir), nanos);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        if (attributes.isRegularFile() && !filter.ignored(file, false)) {
          events.touched(relative(file), nanos);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        if (!(e instanceof NoSuchFileException)) {
          events.unreadable(relative(file), e); // a raced delete is no failure: its event follows
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private void register(Path dir) throws IOException {
    WatchKey key = dir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
    Path previous = directories.put(key, dir);
    if (previous != null && !previous.equals(dir)) {
      keys.remove(previous, key); // the kernel reused the watch of a moved directory
    }
    keys.put(dir, key);
  }

  /** Stops watching {@code dir} and everything beneath (it was deleted or moved away). */
  private void forget(Path dir) {
    for (Map.Entry<Path, WatchKey> entry : List.copyOf(keys.entrySet())) {
      if (entry.getKey().startsWith(dir)) {
        entry.getValue().cancel();
        keys.remove(entry.getKey(), entry.getValue());
        directories.remove(entry.getValue(), entry.getKey());
      }
    }
  }

  /** Delivers events until the watcher is closed (then returns). */
  void run() throws IOException, InterruptedException {
    while (true) {
      WatchKey key;
      try {
        key = service.take();
      } catch (java.nio.file.ClosedWatchServiceException closed) {
        return;
      }
      Path dir = directories.get(key);
      long now = System.nanoTime();
      for (WatchEvent<?> event : key.pollEvents()) {
        if (event.kind() == OVERFLOW) {
          events.overflowed();
        } else if (dir != null) {
          handle(event.kind(), dir.resolve((Path) event.context()), now);
        }
      }
      if (!key.reset()) {
        Path gone = directories.remove(key);
        if (gone != null) {
          keys.remove(gone, key);
        }
      }
    }
  }

  private void handle(WatchEvent.Kind<?> kind, Path child, long now) throws IOException {
    boolean watched = keys.containsKey(child);
    boolean directory = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
    if (filter.ignored(child, directory || watched)) {
      return;
    }
    if (kind == ENTRY_DELETE && watched) {
      forget(child);
    }
    if (kind == ENTRY_CREATE && directory) {
      if (watched) {
        forget(child);
      }
      try {
        registerTree(child, now);
      } catch (NoSuchFileException gone) {
        // deleted again already: its delete event follows
      }
    }
    events.touched(relative(child), now);
  }

  @Override
  public void close() throws IOException {
    service.close();
  }
}
