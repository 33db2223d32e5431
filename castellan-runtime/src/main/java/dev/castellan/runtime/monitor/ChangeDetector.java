package dev.castellan.runtime.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns touched paths into changes: a path is examined once it has been quiet for the
 * debounce; a regular file is hashed and compared with the stored hash; a path that is gone
 * (with everything stored beneath it) becomes a pending delete, which is held for a second
 * window so that a create of the same content within the debounce can claim it as a rename.
 *
 * <p>{@link #touch} is called from any thread; everything else from one thread only.
 */
final class ChangeDetector {
  private record PendingDelete(String path, String hash, long eventNanos) {}

  private final Path root;
  private final long debounceNanos;
  private final Clock clock;
  private final HashStore store;
  private final ChangeSink sink;
  private final MonitorListener listener;
  private final FileHasher hasher = new FileHasher();
  private final NavigableMap<String, String> current;
  private final Map<String, Long> touched = new HashMap<>(); // guarded by itself
  private final Map<String, PendingDelete> pendingDeletes = new LinkedHashMap<>();

  ChangeDetector(Path root, MonitorOptions options, HashStore store, ChangeSink sink, MonitorListener listener)
      throws IOException {
    this.root = root;
    this.debounceNanos = options.debounce().toNanos();
    this.clock = options.clock();
    this.store = store;
    this.sink = sink;
    this.listener = listener;
    this.current = new TreeMap<>(store.load());
  }

  long debounceNanos() {
    return debounceNanos;
  }

  void touch(String path, long nanos) {
    synchronized (touched) {
      touched.put(path, nanos);
    }
  }

  /** The stored paths, to touch in a rescan (a file deleted while events were lost). */
  Set<String> storedPaths() {
    return Set.copyOf(current.keySet());
  }

  /** Examines every path quiet since {@code now - debounce}, then records expired deletes. */
  void process(long now) throws IOException {
    Map<String, Long> due = new TreeMap<>();
    synchronized (touched) {
      for (Iterator<Map.Entry<String, Long>> i = touched.entrySet().iterator(); i.hasNext(); ) {
        Map.Entry<String, Long> entry = i.next();
        if (now - entry.getValue() >= debounceNanos) {
          due.put(entry.getKey(), entry.getValue());
          i.remove();
        }
      }
    }
    // Absent paths first, so that the creates of this round can claim them as renames.
    List<Map.Entry<String, Long>> files = new ArrayList<>();
    for (Map.Entry<String, Long> entry : due.entrySet()) {
      BasicFileAttributes attributes = attributes(root.resolve(entry.getKey()));
      if (attributes != null && attributes.isRegularFile()) {
        files.add(entry);
      } else {
        vanished(entry.getKey(), attributes != null && attributes.isDirectory(), entry.getValue());
      }
    }
    for (Map.Entry<String, Long> entry : files) {
      examine(entry.getKey(), entry.getValue());
    }
    expireDeletes(now);
    store.flush();
  }

  private static BasicFileAttributes attributes(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** {@code path} is not a regular file (any more): it, and if it is gone what was beneath it, is deleted. */
  private void vanished(String path, boolean directory, long eventNanos) {
    List<String> gone = new ArrayList<>();
    if (current.containsKey(path)) {
      gone.add(path);
    }
    if (!directory) {
      gone.addAll(current.subMap(path + "/", true, path + "0", false).keySet()); // '0' follows '/'
    }
    for (String p : gone) {
      pendingDeletes.putIfAbsent(p, new PendingDelete(p, current.get(p), eventNanos));
    }
  }

  private void examine(String path, long eventNanos) throws IOException {
    String hash;
    try {
      hash = hasher.hash(root.resolve(path));
    } catch (NoSuchFileException e) {
      vanished(path, false, eventNanos);
      return;
    } catch (IOException e) {
      listener.skipped(path, e);
      return;
    }
    pendingDeletes.remove(path); // back again (deleted and recreated within the window)
    String old = current.get(path);
    if (hash.equals(old)) {
      return;
    }
    PendingDelete source = renameSource(path, hash, eventNanos);
    if (source != null) {
      pendingDeletes.remove(source.path());
      commit(Change.renamed(source.path(), path, Optional.ofNullable(old), hash, clock.instant()));
    } else if (old == null) {
      commit(Change.created(path, hash, clock.instant()));
    } else {
      commit(Change.modified(path, old, hash, clock.instant()));
    }
  }

  /** A pending delete of the same content within the window, preferring one of the same file name. */
  private PendingDelete renameSource(String path, String hash, long eventNanos) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    PendingDelete best = null;
    for (PendingDelete candidate : pendingDeletes.values()) {
      if (candidate.hash().equals(hash) && Math.abs(eventNanos - candidate.eventNanos()) <= debounceNanos) {
        if (candidate.path().substring(candidate.path().lastIndexOf('/') + 1).equals(name)) {
          return candidate;
        }
        if (best == null) {
          best = candidate;
        }
      }
    }
    return best;
  }

  private void expireDeletes(long now) throws IOException {
    for (PendingDelete pending : List.copyOf(pendingDeletes.values())) {
      boolean touchedAgain;
      synchronized (touched) {
        touchedAgain = touched.containsKey(pending.path());
      }
      if (now - pending.eventNanos() >= 2 * debounceNanos && !touchedAgain) {
        pendingDeletes.remove(pending.path());
        commit(Change.deleted(pending.path(), pending.hash(), clock.instant()));
      }
    }
  }

  /** Records first, then stores: a stored hash always has its record. */
  private void commit(Change change) throws IOException {
    sink.record(change);
    if (change.from().isPresent()) {
      current.remove(change.from().get());
      store.remove(change.from().get());
    }
    if (change.newHash().isPresent()) {
      current.put(change.path(), change.newHash().get());
      store.put(change.path(), change.newHash().get());
    } else {
      current.remove(change.path());
      store.remove(change.path());
    }
    listener.recorded(change);
  }
}
