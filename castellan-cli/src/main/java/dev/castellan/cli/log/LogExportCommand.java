package dev.castellan.cli.log;

import dev.castellan.core.ipld.CarWriter;
import dev.castellan.core.ipld.Cid;
import dev.castellan.core.ipld.IpldException;
import dev.castellan.log.CarExport;
import dev.castellan.log.LocalLog;
import dev.castellan.log.LogException;
import dev.castellan.log.LogReader;
import dev.castellan.log.LogRecord;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code castellan log export --car FILE}. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export the records as a CARv1 file whose roots are the records' CIDs.",
        "With --url the records of the server's latest checkpoint are fetched once each."})
final class LogExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions options;

  @Option(names = "--car", paramLabel = "FILE", required = true, description = "The CAR file to write.")
  Path car;

  @Override
  public Integer call() throws Exception {
    long count;
    if (options.isRemote()) {
      RemoteStorage storage = RemoteStorage.open(options.remote());
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(car))) {
        count = exportRemote(storage, out);
      }
    } else {
      try (LogReader log = LogReader.open(LocalLog.openReadOnly(options.existing()));
          OutputStream out = new BufferedOutputStream(Files.newOutputStream(car))) {
        count = CarExport.write(log, log.size(), out);
      }
    }
    var out = spec.commandLine().getOut();
    out.println(options.json ? new Json().put("car", car.toString()).put("records", count).toString()
        : "wrote " + count + " records to " + car);
    out.flush();
    return 0;
  }

  /**
   * The CAR header lists every CID before the first block, so the records are spooled to a
   * temporary file while their CIDs are computed: each is downloaded once, and memory holds
   * only the CIDs. Same layout as {@link CarExport}.
   */
  private static long exportRemote(RemoteStorage storage, OutputStream out) throws IOException, LogException {
    Path spool = Files.createTempFile("castellan-export", ".records");
    try {
      List<Cid> roots = new ArrayList<>();
      try (DataOutputStream records = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spool)))) {
        for (long i = 0; i < storage.size(); i++) {
          byte[] bytes = storage.read(i);
          roots.add(LogRecord.decode(bytes).cidValue());
          records.writeInt(bytes.length);
          records.write(bytes);
        }
      }
      try (DataInputStream records = new DataInputStream(new BufferedInputStream(Files.newInputStream(spool)))) {
        CarWriter writer = CarWriter.create(out, roots);
        for (Cid root : roots) {
          writer.write(root, records.readNBytes(records.readInt()));
        }
        writer.flush();
      } catch (IpldException e) {
        throw new LogException("cannot write the CAR file: " + e.getMessage(), e);
      }
      return roots.size();
    } finally {
      Files.deleteIfExists(spool);
    }
  }
}
