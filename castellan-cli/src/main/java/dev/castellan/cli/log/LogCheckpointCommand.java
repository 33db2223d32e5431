package dev.castellan.cli.log;

import dev.castellan.cli.CliException;
import dev.castellan.cli.ErrorKind;
import dev.castellan.log.LocalLog;
import dev.castellan.log.checkpoint.Checkpoint;
import dev.castellan.log.note.Note;
import dev.castellan.log.storage.EmbeddedStorage;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code castellan log checkpoint}: the latest signed checkpoint, verbatim. */
@Command(name = "checkpoint", mixinStandardHelpOptions = true,
    description = "Print the latest signed checkpoint verbatim (a C2SP signed note).")
final class LogCheckpointCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions options;

  @Override
  public Integer call() throws Exception {
    byte[] note;
    if (options.isRemote()) {
      note = options.remote().checkpoint();
    } else {
      try (EmbeddedStorage storage = LocalLog.openReadOnly(options.existing())) {
        note = storage.checkpoint().orElseThrow(() -> new CliException(ErrorKind.OPERATION, "the log has no checkpoint yet"));
      }
    }
    var out = spec.commandLine().getOut();
    String text = new String(note, StandardCharsets.UTF_8);
    if (options.json) {
      Checkpoint checkpoint = Checkpoint.parse(Note.parse(note).text());
      out.println(new Json().put("origin", checkpoint.origin()).put("treeSize", checkpoint.size())
          .put("rootHash", Json.hex(checkpoint.rootHash())).put("note", text));
    } else {
      out.print(text);
    }
    out.flush();
    return 0;
  }
}
