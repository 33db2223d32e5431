package dev.castellan.cli.log;

import dev.castellan.cli.InputFile;
import dev.castellan.cli.Progress;
import dev.castellan.log.LocalLog;
import dev.castellan.log.note.Note;
import dev.castellan.log.LogMetrics;
import dev.castellan.log.LogVerifier;
import dev.castellan.log.note.NoteVerifier;
import dev.castellan.log.storage.LogStorage;
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
    Optional<byte[]> trustedNote = trusted == null ? Optional.empty()
        : Optional.of(InputFile.read("trusted checkpoint", trusted, Note.MAX_NOTE_BYTES));
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
    try (LogStorage storage = opened; Progress progress = Progress.of(spec, "records")) {
      report = LogVerifier.verify(storage, key.name(), key, trustedNote, progress::update, new LogMetrics());
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
}
