package dev.castellan.cli.log;

import dev.castellan.log.LocalLog;
import dev.castellan.log.LogReader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code castellan log tiles --out DIR}: the log as C2SP tlog-tiles static files. */
@Command(name = "tiles", mixinStandardHelpOptions = true,
    description = "Write the log as C2SP tlog-tiles static files (checkpoint, tile/..., tile/entries/...).")
final class LogTilesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions options;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory to serve as the log's URL prefix.")
  Path out;

  @Override
  public Integer call() throws Exception {
    long size;
    try (LogReader log = LogReader.open(LocalLog.openReadOnly(options.existing()))) {
      log.writeTiles(out);
      size = log.size();
    }
    var printer = spec.commandLine().getOut();
    printer.println(options.json ? new Json().put("out", out.toString()).put("records", size).toString()
        : "wrote tiles for " + size + " records to " + out);
    printer.flush();
    return 0;
  }
}
