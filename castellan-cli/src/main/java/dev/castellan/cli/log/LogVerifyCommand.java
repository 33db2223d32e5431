package dev.castellan.cli.log;

import dev.castellan.log.LocalLog;
import dev.castellan.log.LogMetrics;
import dev.castellan.log.LogVerifier;
import dev.castellan.log.note.NoteVerifier;
import dev.castellan.log.storage.LogStorage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code castellan log verify}: everything, naming the first bad record. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Verify the whole log, naming the first bad record.",
        "",
        "Every record's signature, the whole tree against the signed checkpoint,",
        "the checkpoint's signature, and consistency with a checkpoint seen before.",
        "Fails naming the first bad record index. With --url every record is fetched from the server."})
final class LogVerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions options;

  @Option(names = "--trusted-checkpoint", paramLabel = "FILE",
      description = "A checkpoint note saved earlier; the log must have only appended since.")
  Path trusted;

  @Option(names = "--vkey", paramLabel = "VKEY",
      description = {"The log's verifier key (default: the one in the data directory, which an attacker with write access",
          "could replace, or with --url the one the server serves, which proves only self-consistency)."})
  String vkey;

  @Override
  public Integer call() throws Exception {
    Optional<byte[]> trustedNote = trusted == null ? Optional.empty() : Optional.of(Files.readAllBytes(trusted));
    NoteVerifier key;
    LogStorage opened;
    if (options.isRemote()) {
      RemoteLog remote = options.remote();
      if (vkey != null) {
        key = NoteVerifier.parse(vkey);
      } else {
        key = NoteVerifier.parse(remote.key());
        var err = spec.commandLine().getErr();
        err.println("warning: checking against the key the server itself serves proves only that the log is"
            + " self-consistent; pass --vkey with the key obtained out of band");
        err.flush();
      }
      opened = RemoteStorage.open(remote);
    } else {
      Path dataDir = options.existing();
      key = vkey != null ? NoteVerifier.parse(vkey) : LocalLog.checkpointVerifier(dataDir);
      opened = LocalLog.openReadOnly(dataDir);
    }
    LogVerifier.Report report;
    try (LogStorage storage = opened) {
      LogVerifier.Progress progress = System.console() != null && storage.size() >= 10_000
          ? new ProgressBar(System.err) : LogVerifier.Progress.NONE;
      report = LogVerifier.verify(storage, key.name(), key, trustedNote, progress, new LogMetrics());
    }
    var out = spec.commandLine().getOut();
    if (options.json) {
      out.println(new Json().put("verified", true).put("records", report.records())
          .put("checkpointSize", report.checkpoint().checkpoint().size())
          .put("trustedSize", report.trustedSize() < 0 ? null : report.trustedSize()));
    } else {
      out.println(String.format(Locale.ROOT, "OK: %d records; checkpoint of size %d verified%s", report.records(),
          report.checkpoint().checkpoint().size(),
          report.trustedSize() < 0 ? "" : "; consistent with the trusted checkpoint of size " + report.trustedSize()));
    }
    out.flush();
    return 0;
  }

  /** A one-line progress bar on standard error. */
  private record ProgressBar(PrintStream err) implements LogVerifier.Progress {
    @Override
    public void update(long verified, long total) {
      int width = 40;
      int filled = (int) (width * verified / Math.max(1, total));
      err.print(String.format(Locale.ROOT, "\r[%s%s] %3d%% %d/%d records", "#".repeat(filled),
          " ".repeat(width - filled), 100 * verified / Math.max(1, total), verified, total));
      if (verified == total) {
        err.println();
      }
      err.flush();
    }
  }
}
