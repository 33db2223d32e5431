package dev.castellan.server.ra;

import dev.castellan.attestation.TeeDevice;
import dev.castellan.core.vrf.Ecvrf;
import dev.castellan.core.vrf.EcvrfPrivateKey;
import dev.castellan.runtime.monitor.FileHasher;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The work of {@code POST /ra/generate}: walk the path (never following symbolic links, at most
 * {@code maxFiles} regular files, else the job is refused before any work), then for each file on
 * a pool of {@code threads} workers: SHA3-512 streamed ({@link FileHasher}, one per worker), the
 * ECVRF proof over the 64 hash bytes, the attestation document with {@link RaUserData} as its
 * user data (no nonce: it answers no challenge), and the {@link RaRecord} into the store. One job
 * at a time; the store is flushed when the job ends, so {@code done} means durable.
 */
final class Generator implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Generator.class.getName());
  /** Deepest directory nesting walked: far beyond real trees, and it bounds the walk's stack. */
  static final int MAX_DEPTH = 64;

  private final RaRoot root;
  private final RaStore store;
  private final EcvrfPrivateKey vrfKey;
  private final TeeDevice device;
  private final int maxFiles;
  private final Clock clock;
  private final ExecutorService workers;
  private final ThreadLocal<FileHasher> hashers = ThreadLocal.withInitial(FileHasher::new);
  private final Object lock = new Object();
  private Job job; // guarded by lock; null before the first

  Generator(RaRoot root, RaStore store, EcvrfPrivateKey vrfKey, TeeDevice device, int maxFiles, int threads, Clock clock) {
    this.root = root;
    this.store = store;
    this.vrfKey = vrfKey;
    this.device = device;
    this.maxFiles = maxFiles;
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(threads, r -> {
      Thread thread = new Thread(r, "castellan-ra-generate-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** The walk found more files than allowed, or a job is already running. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean busy;

    Refused(String message, boolean busy) {
      super(message);
      this.busy = busy;
    }
  }

  /** Starts a job over {@code target}; returns its first status. */
  GenerateStatus start(RaRoot.Resolved target) throws Refused, IOException {
    synchronized (lock) {
      if (job != null && job.running()) {
        throw new Refused("a generate job is already running; see GET /ra/generate/status", true);
      }
      List<Path> files = new ArrayList<>();
      int skipped = walk(target.file(), files);
      Job started = new Job(target.key(), files.size(), skipped, clock.instant());
      job = started;
      List<CompletableFuture<Void>> tasks = new ArrayList<>(files.size());
      for (Path file : files) {
        tasks.add(CompletableFuture.runAsync(() -> started.handle(file), workers));
      }
      CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).whenComplete((ignored, e) -> started.finish());
      return started.status();
    }
  }

  GenerateStatus status() {
    synchronized (lock) {
      return job == null ? GenerateStatus.idle() : job.status();
    }
  }

  private int walk(Path start, List<Path> files) throws Refused, IOException {
    if (RaRoot.isRegularFile(start)) {
      files.add(start);
      return 0;
    }
    int[] skipped = {0};
    try {
      walkTree(start, files, skipped);
    } catch (TooMany e) {
      throw new Refused("more than " + maxFiles + " files (or " + maxEntries() + " entries) under the path"
          + " (--ra-max-files); name a smaller directory", false);
    }
    return skipped[0];
  }

  /** Most entries (files, directories, links) one walk visits: four per allowed file, at least 1024. */
  private int maxEntries() {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1024L, 4L * maxFiles));
  }

  private void walkTree(Path start, List<Path> files, int[] skipped) throws IOException {
    Files.walkFileTree(start, EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
      private int visited;

      @Override
      public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
        count();
        return FileVisitResult.CONTINUE;
      }

      /** Directories and skipped entries count too: a tree of empty directories must not walk forever. */
      private void count() throws TooMany {
        if (++visited > maxEntries()) {
          throw new TooMany();
        }
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        count();
        if (!attributes.isRegularFile()) {
          skipped[0]++;
          return FileVisitResult.CONTINUE;
        }
        if (files.size() == maxFiles) {
          throw new TooMany();
        }
        files.add(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        skipped[0]++;
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Thrown out of the walk as an IOException, the only kind a visitor may throw. */
  private static final class TooMany extends IOException {
    private static final long serialVersionUID = 1L;
  }

  /** One run of generate: its counters, its first errors and its state. */
  private final class Job {
    private final String path;
    private final int total;
    private final int skipped;
    private final Instant startedAt;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final List<GenerateStatus.FileError> errors = new ArrayList<>(); // guarded by itself
    private volatile String state = "running";
    private volatile Instant finishedAt;

    Job(String path, int total, int skipped, Instant startedAt) {
      this.path = path;
      this.total = total;
      this.skipped = skipped;
      this.startedAt = startedAt;
    }

    boolean running() {
      return state.equals("running");
    }

    void handle(Path file) {
      String key = root.key(file);
      try {
        byte[] hash = hashers.get().digest(file);
        byte[] proof = Ecvrf.prove(vrfKey, hash);
        byte[] output = Ecvrf.proofToHash(vrfKey.suite(), proof);
        byte[] publicKey = vrfKey.publicKey().toBytes();
        byte[] userData = RaUserData.of(vrfKey.suite(), hash, key, publicKey, output).encode();
        byte[] document = device.attest(null, userData);
        store.put(new RaRecord(key, hash, vrfKey.suite(), publicKey, proof, output, document, clock.instant()));
        done.incrementAndGet();
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        failed.incrementAndGet();
        synchronized (errors) {
          if (errors.size() < GenerateStatus.MAX_ERRORS) {
            errors.add(new GenerateStatus.FileError(key, e instanceof IOException ? "cannot read or store it ("
                + e.getClass().getSimpleName() + ")" : "cannot prove or attest it (" + e.getClass().getSimpleName() + ")"));
          }
        }
        LOG.log(System.Logger.Level.WARNING, "RA generate: {0}: {1}", key, e.getMessage());
      }
    }

    void finish() {
      try {
        store.flush();
        state = "done";
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "RA generate: cannot flush {0}: {1}", store.describe(), e.getMessage());
        state = "failed";
      }
      finishedAt = clock.instant();
      LOG.log(System.Logger.Level.INFO, "RA generate {0}: {1} of {2} files done, {3} failed, {4} skipped",
          path.isEmpty() ? "/" : path, done.get(), total, failed.get(), skipped);
    }

    GenerateStatus status() {
      List<GenerateStatus.FileError> copy;
      synchronized (errors) {
        copy = List.copyOf(errors);
      }
      return new GenerateStatus(state, path, total, done.get(), failed.get(), skipped, Optional.of(startedAt),
          Optional.ofNullable(finishedAt), copy);
    }
  }

  /** Stops the workers and waits (up to 10 s) for the files in hand, so no write follows the store's close. */
  @Override
  public void close() {
    workers.shutdownNow();
    try {
      if (!workers.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "RA generate: workers still busy after 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
