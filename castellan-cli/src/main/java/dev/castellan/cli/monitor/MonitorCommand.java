package dev.castellan.cli.monitor;

import dev.castellan.cli.DataDirectory;
import dev.castellan.cli.FileException;
import dev.castellan.cli.NetworkException;
import dev.castellan.log.LocalLog;
import dev.castellan.log.LogMetrics;
import dev.castellan.log.LogOptions;
import dev.castellan.log.RecordKeys;
import dev.castellan.log.TransparencyLog;
import dev.castellan.runtime.monitor.FileHashStore;
import dev.castellan.runtime.monitor.HashStore;
import dev.castellan.runtime.monitor.IgnoreRules;
import dev.castellan.runtime.monitor.LogChangeSink;
import dev.castellan.runtime.monitor.Monitor;
import dev.castellan.runtime.monitor.MonitorOptions;
import dev.castellan.runtime.monitor.NatsHashStore;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code castellan monitor DIR}: the integrity monitor until Ctrl-C (docs/monitor.md). The log
 * is always the data directory's; {@code --store} only moves the current hashes to NATS KV.
 */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    description = {
      "Watch a directory tree and record every change in the log.",
      "",
      "Every file created, modified, deleted or renamed under DIR is hashed",
      "(SHA-3-512) once it has been quiet for the debounce; its hash is kept in",
      "the store and the change appended as a signed record to the data",
      "directory's log. Starts with a scan that records only differences to the",
      "stored state. Prints each change; Ctrl-C stops it. Check the history with",
      "'castellan log verify --data DIR'."
    })
public final class MonitorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The directory to watch.")
  Path directory;

  @Option(names = "--ignore-file", paramLabel = "FILE",
      description = "Ignore patterns (gitignore-like, docs/monitor.md); default: DIR/.fsignore if it exists.")
  Path ignoreFile;

  @Option(names = "--debounce", paramLabel = "MS", defaultValue = "500",
      description = "Quiet time before a changed file is hashed, and the rename window (default: ${DEFAULT-VALUE}).")
  long debounceMillis;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Data directory: the log, the record key and the embedded hash store (default: $CASTELLAN_DATA, else ./castellan-data).")
  Path data;

  @Option(names = "--store", paramLabel = "URL",
      description = "Keep the hashes in the NATS KV bucket fs_hashes at nats://HOST:PORT instead of the data directory.")
  String store;

  @Override
  public Integer call() throws Exception {
    MonitorOptions options = options();
    if (!Files.isDirectory(directory)) {
      throw new FileException("directory " + directory + ": " + (Files.exists(directory) ? "is not a directory" : "does not exist"));
    }
    Path dataDir = DataDirectory.resolve(data);
    List<Closeable> opened = new ArrayList<>();
    Monitor monitor;
    HashStore hashes;
    try {
      hashes = openStore(dataDir);
      opened.add(hashes);
      TransparencyLog log = LocalLog.open(dataDir, LocalLog.DEFAULT_ORIGIN, LogOptions.DEFAULTS, new LogMetrics());
      opened.addFirst(log);
      var signer = RecordKeys.loadOrCreate(dataDir.resolve("keys"), RecordKeys.Algorithm.ED25519);
      monitor = Monitor.start(directory, List.of(dataDir), hashes,
          new LogChangeSink(log, signer, directory.toRealPath().toString()), options, new Printer(spec));
      opened.addFirst(monitor);
    } catch (Exception e) {
      closeAll(opened);
      throw e;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Castellan monitor is watching " + monitor.root());
    out.println("  ignore file  " + (ignoreFileUsed() == null ? "none" : ignoreFileUsed()));
    out.println("  debounce     " + options.debounce().toMillis() + " ms");
    out.println("  hashes       " + hashes.describe());
    out.println("  log          " + LocalLog.logDirectory(dataDir).toAbsolutePath().normalize()
        + "  (check it: castellan log verify --data " + dataDir + ")");
    out.println("Press Ctrl-C to stop.");
    out.flush();
    Thread hook = new Thread(() -> {
      closeAll(opened);
      spec.commandLine().getErr().println("castellan monitor: stopped");
      spec.commandLine().getErr().flush();
    }, "castellan-monitor-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      monitor.stopped().get();
      return 0;
    } catch (ExecutionException e) {
      closeAll(opened);
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private MonitorOptions options() throws IOException {
    if (debounceMillis < 0 || debounceMillis > MonitorOptions.MAX_DEBOUNCE.toMillis()) {
      throw new ParameterException(spec.commandLine(),
          "--debounce must be 0 to " + MonitorOptions.MAX_DEBOUNCE.toMillis() + " ms, not " + debounceMillis);
    }
    if (store != null && !store.startsWith("nats://")) {
      throw new ParameterException(spec.commandLine(), "--store must be a nats://HOST:PORT URL, not '" + store + "'");
    }
    Path file = ignoreFileUsed();
    IgnoreRules rules = IgnoreRules.none();
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new FileException("ignore file " + file + ": " + (Files.exists(file) ? "is not a regular file" : "does not exist"));
      }
      rules = IgnoreRules.read(file);
    }
    return MonitorOptions.defaults().withIgnore(rules).withDebounce(Duration.ofMillis(debounceMillis));
  }

  /** {@code --ignore-file}, else DIR/.fsignore if present, else null. */
  private Path ignoreFileUsed() {
    if (ignoreFile != null) {
      return ignoreFile;
    }
    Path beside = directory.resolve(".fsignore");
    return Files.isRegularFile(beside) ? beside : null;
  }

  private HashStore openStore(Path dataDir) throws IOException {
    if (store == null) {
      return FileHashStore.open(dataDir);
    }
    try {
      return NatsHashStore.connect(store);
    } catch (IOException e) {
      throw new NetworkException("hash store " + e.getMessage());
    }
  }

  private static synchronized void closeAll(List<Closeable> opened) {
    for (Closeable closeable : opened) {
      try {
        closeable.close();
      } catch (IOException | RuntimeException e) {
        // stopping: the next start's scan finds anything not recorded
      }
    }
    opened.clear();
  }
}
