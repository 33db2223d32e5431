package dev.castellan.cli.log;

import dev.castellan.log.LocalLog;
import dev.castellan.log.note.NoteVerifier;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code castellan log key}: the checkpoint verifier key (C2SP vkey). */
@Command(name = "key", mixinStandardHelpOptions = true,
    description = "Print the checkpoint verifier key in C2SP vkey form (from --data DIR or --url URL).")
final class LogKeyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions options;

  @Override
  public Integer call() throws Exception {
    NoteVerifier key = options.isRemote() ? NoteVerifier.parse(options.remote().key())
        : LocalLog.checkpointVerifier(options.existing());
    var out = spec.commandLine().getOut();
    out.println(options.json ? new Json().put("vkey", key.vkey()).put("origin", key.name()).toString() : key.vkey());
    out.flush();
    return 0;
  }
}
