package dev.castellan.cli.log;

import dev.castellan.log.CarExport;
import dev.castellan.log.LocalLog;
import dev.castellan.log.LogReader;
import dev.castellan.log.storage.LogStorage;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code castellan log export --car FILE}. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export the records as a CARv1 file whose roots are the records' CIDs.")
final class LogExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions options;

  @Option(names = "--car", paramLabel = "FILE", required = true, description = "The CAR file to write.")
  Path car;

  @Override
  public Integer call() throws Exception {
    long count;
    LogStorage storage = options.isRemote() ? RemoteStorage.open(options.remote()) : LocalLog.openReadOnly(options.existing());
    try (LogReader log = LogReader.open(storage);
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(car))) {
      count = CarExport.write(log, log.size(), out);
    }
    var out = spec.commandLine().getOut();
    out.println(options.json ? new Json().put("car", car.toString()).put("records", count).toString()
        : "wrote " + count + " records to " + car);
    out.flush();
    return 0;
  }
}
