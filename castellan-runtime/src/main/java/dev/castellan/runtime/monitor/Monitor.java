package dev.castellan.runtime.monitor;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The integrity monitor of one directory tree. {@link #start} registers the watches, then
 * records the initial scan's differences to the stored state (in the caller's thread), then
 * watches until {@link #close}: one thread takes the kernel's events, one examines the paths
 * that have been quiet for the debounce.
 *
 * <p>A failure to record or store a change stops the monitor ({@link #stopped} completes
 * exceptionally): an integrity monitor MUST NOT go on with changes it could not record.
 * Changes still inside the debounce window when it stops are found by the next start's scan.
 */
public final class Monitor implements Closeable {
  private final Path root;
  private final List<Path> excluded;
  private final IgnoreRules ignore;
  private final MonitorListener listener;
  private final ChangeDetector detector;
  private final TreeWatcher watcher;
  private final AtomicBoolean rescan = new AtomicBoolean();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private volatile boolean closing;
  private final ScheduledExecutorService examiner;
  private final Thread events;

  private Monitor(Path root, List<Path> excluded, HashStore store, ChangeSink sink, MonitorOptions options,
      MonitorListener listener) throws IOException {
    this.root = root;
    this.excluded = excluded;
    this.ignore = options.ignore();
    this.listener = listener;
    this.detector = new ChangeDetector(root, options, store, sink, listener);
    this.watcher = new TreeWatcher(root, this::ignored, new TreeWatcher.Events() {
      @Override
      public void touched(String path, long nanos) {
        detector.touch(path, nanos);
      }

      @Override
      public void overflowed() {
        requestRescan();
      }

      @Override
      public void unreadable(String path, IOException reason) {
        listener.skipped(path, reason);
      }
    });
    this.examiner = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "castellan-monitor-examine"));
    this.events = new Thread(this::deliver, "castellan-monitor-events");
    this.events.setDaemon(true);
  }

  /**
   * Starts watching {@code directory}. Paths under any of {@code excluded} (for example the
   * data directory, when it lies inside) are never watched, whatever the ignore rules say.
   */
  public static Monitor start(Path directory, List<Path> excluded, HashStore store, ChangeSink sink,
      MonitorOptions options, MonitorListener listener) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new IOException("directory " + directory + ": " + (Files.exists(directory) ? "is not a directory" : "does not exist"));
    }
    Path root = directory.toRealPath();
    List<Path> realExcluded = new java.util.ArrayList<>();
    for (Path path : excluded) { // compared with real paths under the root
      realExcluded.add(Files.exists(path) ? path.toRealPath() : path.toAbsolutePath().normalize());
    }
    Monitor monitor = new Monitor(root, realExcluded, store, sink, options, listener);
    try {
      monitor.initialScan();
    } catch (IOException | RuntimeException e) {
      monitor.watcher.close();
      monitor.examiner.shutdownNow();
      throw e;
    }
    monitor.events.start();
    long tick = Math.clamp(options.debounce().toMillis() / 4, 5, 250);
    monitor.examiner.scheduleWithFixedDelay(monitor::examine, tick, tick, TimeUnit.MILLISECONDS);
    return monitor;
  }

  /** The watched directory (its real path), as the records name it. */
  public Path root() {
    return root;
  }

  /** Completes when the monitor stopped: normally after {@link #close}, exceptionally on a failure. */
  public CompletableFuture<Void> stopped() {
    return stopped;
  }

  /** What an {@code OVERFLOW} event does: the next examination rescans the whole tree. */
  void requestRescan() {
    rescan.set(true);
  }

  private boolean ignored(Path path, boolean directory) {
    for (Path excludedPath : excluded) {
      if (path.startsWith(excludedPath)) {
        return true;
      }
    }
    return !path.equals(root) && ignore.ignored(root.relativize(path).toString(), directory);
  }

  /** Every file's state now against the store, without waiting: all touches are already due and expired. */
  private void initialScan() throws IOException {
    long now = System.nanoTime();
    long past = now - 3 * detector.debounceNanos() - 1;
    touchAll(past);
    detector.process(now);
  }

  private void touchAll(long nanos) throws IOException {
    watcher.registerTree(root, nanos);
    for (String path : detector.storedPaths()) {
      detector.touch(path, nanos);
    }
  }

  private void deliver() {
    try {
      watcher.run();
    } catch (IOException | RuntimeException e) {
      fail(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void examine() {
    try {
      if (rescan.getAndSet(false)) {
        listener.rescanning();
        touchAll(System.nanoTime());
      }
      detector.process(System.nanoTime());
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  private void fail(Throwable e) {
    if (closing) {
      return; // a watch service closed under a registration: stopping, not failing
    }
    if (stopped.completeExceptionally(e)) {
      shutdown();
    }
  }

  private void shutdown() {
    examiner.shutdown();
    try {
      watcher.close();
    } catch (IOException ignored) {
      // closing a watch service only releases descriptors
    }
  }

  /** Stops watching; waits for the examination in progress to finish. */
  @Override
  public void close() throws IOException {
    closing = true;
    shutdown();
    try {
      examiner.awaitTermination(30, TimeUnit.SECONDS);
      events.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopped.complete(null);
  }
}
