package dev.castellan.cli.log;

import dev.castellan.log.AppendReceipt;
import dev.castellan.log.LocalLog;
import dev.castellan.log.LogMetrics;
import dev.castellan.log.LogOptions;
import dev.castellan.log.LogRecord;
import dev.castellan.log.TransparencyLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code castellan log append}: signs a file's bytes as a record's data and appends it. */
@Command(name = "append", mixinStandardHelpOptions = true,
    description = "Sign FILE's bytes as a record's data and append the record; prints its CID and index.")
final class LogAppendCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions options;

  @Option(names = "--data-file", paramLabel = "FILE", required = true, description = "The record's data.")
  Path dataFile;

  @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "ED25519",
      description = "Record signature: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  RecordKeys.Algorithm keyType;

  @Option(names = "--origin", paramLabel = "ORIGIN", defaultValue = LocalLog.DEFAULT_ORIGIN,
      description = "Origin of a new log (its checkpoint key name; default: ${DEFAULT-VALUE}).")
  String origin;

  @Override
  public Integer call() throws Exception {
    if (Files.size(dataFile) > LogRecord.MAX_DATA_BYTES) {
      throw new IllegalArgumentException("the data file is larger than a record allows (" + LogRecord.MAX_DATA_BYTES + " bytes)");
    }
    byte[] data = Files.readAllBytes(dataFile);
    LogRecord record = RecordKeys.loadOrCreate(options.data, keyType).sign(data);
    AppendReceipt receipt;
    try (TransparencyLog log = LocalLog.open(options.data, origin, LogOptions.DEFAULTS, new LogMetrics())) {
      try {
        receipt = log.appendAndProve(record).get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    }
    var out = spec.commandLine().getOut();
    if (options.json) {
      out.println(new Json()
          .put("cid", receipt.result().cid())
          .put("index", receipt.result().index())
          .put("duplicate", receipt.result().duplicate())
          .put("treeSize", receipt.checkpoint().checkpoint().size())
          .put("inclusionProof", receipt.inclusionProof().stream().map(Json::base64).toList())
          .put("checkpoint", receipt.checkpoint().noteText()));
    } else {
      out.println(receipt.result().cid() + " " + receipt.result().index()
          + (receipt.result().duplicate() ? " (already in the log)" : ""));
    }
    out.flush();
    return 0;
  }
}
