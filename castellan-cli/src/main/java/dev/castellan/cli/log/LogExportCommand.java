package dev.castellan.cli.log;

import dev.castellan.cli.Progress;
import dev.castellan.core.ipld.CarWriter;
import dev.castellan.core.ipld.Cid;
import dev.castellan.core.ipld.IpldException;
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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code castellan log export --out FILE}. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export the records as a CARv1 file whose roots are the records' CIDs.",
        "With --url the records of the server's latest checkpoint are fetched once each."})
final class LogExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions options;

  @Option(names = "--out", paramLabel = "FILE", description = "The CAR file to write (required).")
  Path out;

  /** The old spelling of {@code --out}, kept so that existing scripts run. */
  @Option(names = "--car", paramLabel = "FILE", hidden = true, description = "Deprecated: use --out FILE.")
  Path car;

  /** A log's records by index. */
  @FunctionalInterface
  private interface Records {
    byte[] read(long index) throws IOException, LogException;
  }

  @Override
  public Integer call() throws Exception {
    if (out != null && car != null || out == null && car == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give the CAR file to write: --out FILE");
    }
    Path file = out != null ? out : car;
    long count;
    try (Progress progress = Progress.of(spec, "records")) {
      if (options.isRemote()) {
        RemoteStorage storage = RemoteStorage.open(options.remote());
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file))) {
          count = exportSpooled(storage::read, storage.size(), stream, progress);
        }
      } else {
        try (LogReader log = LogReader.open(LocalLog.openReadOnly(options.existing()));
            OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file))) {
          count = export(log::recordBytes, log.size(), stream, progress);
        }
      }
    }
    var printer = spec.commandLine().getOut();
    printer.println(options.json ? new Json().put("out", file.toString()).put("records", count).toString()
        : "wrote " + count + " records to " + file);
    printer.flush();
    return 0;
  }

  /**
   * The CAR header lists every CID before the first block (layout of {@code CarExport}):
   * a first pass computes the CIDs, a second writes the records. Local reads are cheap, so
   * they are read twice; progress counts both passes.
   */
  private static long export(Records records, long size, OutputStream out, Progress progress)
      throws IOException, LogException {
    List<Cid> roots = new ArrayList<>();
    for (long i = 0; i < size; i++) {
      roots.add(LogRecord.decode(records.read(i)).cidValue());
      progress.update(i + 1, 2 * size);
    }
    try {
      CarWriter writer = CarWriter.create(out, roots);
      for (long i = 0; i < size; i++) {
        writer.write(roots.get((int) i), records.read(i));
        progress.update(size + i + 1, 2 * size);
      }
      writer.flush();
    } catch (IpldException e) {
      throw new LogException("cannot write the CAR file: " + e.getMessage(), e);
    }
    return size;
  }

  /**
   * Remote records are downloaded once each: they are spooled to a temporary file while
   * their CIDs are computed, and memory holds only the CIDs.
   */
  private static long exportSpooled(Records records, long size, OutputStream out, Progress progress)
      throws IOException, LogException {
    Path spool = Files.createTempFile("castellan-export", ".records");
    try {
      List<Cid> roots = new ArrayList<>();
      try (DataOutputStream spooled = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spool)))) {
        for (long i = 0; i < size; i++) {
          byte[] bytes = records.read(i);
          roots.add(LogRecord.decode(bytes).cidValue());
          spooled.writeInt(bytes.length);
          spooled.write(bytes);
          progress.update(i + 1, size);
        }
      }
      try (DataInputStream spooled = new DataInputStream(new BufferedInputStream(Files.newInputStream(spool)))) {
        CarWriter writer = CarWriter.create(out, roots);
        for (Cid root : roots) {
          writer.write(root, spooled.readNBytes(spooled.readInt()));
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
