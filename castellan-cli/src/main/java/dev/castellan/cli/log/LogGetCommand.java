package dev.castellan.cli.log;

import dev.castellan.log.LocalLog;
import dev.castellan.log.LogReader;
import dev.castellan.log.LogRecord;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code castellan log get INDEX|CID}. */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = {"Print a record by index or CID; --raw writes its exact stored bytes (DAG-CBOR).",
        "JSON: data in base64, signature and pubkey (SubjectPublicKeyInfo DER) in lower-case hex."})
final class LogGetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions options;

  @Parameters(paramLabel = "INDEX|CID", description = "A record index or CID.")
  String id;

  @Option(names = "--raw", description = "Write the record's exact bytes (to standard output or --out).")
  boolean raw;

  @Option(names = "--out", paramLabel = "FILE", description = "With --raw: write to FILE instead.")
  Path outFile;

  @Override
  public Integer call() throws Exception {
    RemoteLog.Fetched found;
    if (options.isRemote()) {
      found = Lookup.fetch(options.remote(), id);
    } else {
      try (LogReader log = LogReader.open(LocalLog.openReadOnly(options.existing()))) {
        long index = Lookup.index(log, id);
        found = new RemoteLog.Fetched(index, log.recordBytes(index));
      }
    }
    if (raw) {
      if (outFile != null) {
        Files.write(outFile, found.bytes());
      } else {
        OutputStream stdout = System.out;
        stdout.write(found.bytes());
        stdout.flush();
      }
      return 0;
    }
    LogRecord record = LogRecord.decode(found.bytes());
    var out = spec.commandLine().getOut();
    Json json = new Json().put("index", found.index()).put("cid", record.cid())
        .put("data", Json.base64(record.data())).put("signature", Json.hex(record.signature()))
        .put("pubkey", Json.hex(record.pubkey()));
    if (options.json) {
      out.println(json);
    } else {
      out.println("index     " + found.index());
      out.println("cid       " + record.cid());
      out.println("data      " + record.data().length + " bytes (base64 " + Json.base64(record.data()) + ")");
      out.println("signature " + Json.hex(record.signature()));
      out.println("pubkey    " + Json.hex(record.pubkey()));
    }
    out.flush();
    return 0;
  }
}
