package dev.castellan.cli.log;

import dev.castellan.log.AppendReceipt;
import dev.castellan.log.AppendResult;
import dev.castellan.log.LogException;
import dev.castellan.log.ProofException;
import dev.castellan.log.checkpoint.Checkpoint;
import dev.castellan.log.checkpoint.SignedCheckpoint;
import dev.castellan.log.merkle.InclusionProof;
import dev.castellan.log.merkle.TreeHasher;
import dev.castellan.log.note.Note;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
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
    description = {"Sign a file's bytes as a record and append it; prints its CID and index.",
        "With --url the record is signed here and sent; the server's inclusion proof is checked."})
final class LogAppendCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions options;

  @Option(names = "--data-file", paramLabel = "FILE", required = true, description = "The record's data.")
  Path dataFile;

  @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "ED25519",
      description = "Record signature: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  RecordKeys.Algorithm keyType;

  @Option(names = "--key-dir", paramLabel = "DIR",
      description = "Directory of the record signing keys (default: DIR/keys of --data; castellan-data/keys with --url).")
  Path keyDir;

  @Option(names = "--origin", paramLabel = "ORIGIN", defaultValue = LocalLog.DEFAULT_ORIGIN,
      description = "Origin of a new log (its checkpoint key name; default: ${DEFAULT-VALUE}).")
  String origin;

  @Override
  public Integer call() throws Exception {
    if (Files.size(dataFile) > LogRecord.MAX_DATA_BYTES) {
      throw new IllegalArgumentException("the data file is larger than a record allows (" + LogRecord.MAX_DATA_BYTES + " bytes)");
    }
    byte[] data = Files.readAllBytes(dataFile);
    Path keys = keyDir != null ? keyDir : options.isRemote() ? DataOptions.DEFAULT_DATA.resolve("keys") : options.data().resolve("keys");
    LogRecord record = RecordKeys.loadOrCreate(keys, keyType).sign(data);
    AppendReceipt receipt = options.isRemote() ? appendRemotely(options.remote(), record) : appendLocally(record);
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

  /**
   * Sends the record and checks the receipt: the CID is the record's, and the inclusion
   * proof puts the record at the index in the tree of the checkpoint returned with it. The
   * checkpoint's signature is for {@code log verify --vkey} to check.
   */
  private static AppendReceipt appendRemotely(RemoteLog remote, LogRecord record) throws IOException, LogException {
    JsonNode reply = remote.append(record.encoded());
    JsonNode cid = reply.get("cid");
    JsonNode index = reply.get("index");
    JsonNode note = reply.get("checkpoint");
    if (cid == null || !record.cid().equals(cid.asString()) || index == null || !index.canConvertToLong()
        || index.asLong() < 0 || note == null || !note.isString()) {
      throw new IOException("the server's receipt does not match the record sent");
    }
    byte[] noteBytes = note.asString().getBytes(StandardCharsets.UTF_8);
    Checkpoint checkpoint = Checkpoint.parse(Note.parse(noteBytes).text());
    List<byte[]> proof = RemoteLog.hashes(reply.get("inclusionProof"));
    try {
      InclusionProof.verify(index.asLong(), checkpoint.size(), TreeHasher.leafHash(record.encoded()), proof, checkpoint.rootHash());
    } catch (ProofException e) {
      throw new ProofException("the server's inclusion proof does not verify against its checkpoint: " + e.getMessage());
    }
    return new AppendReceipt(new AppendResult(index.asLong(), record.cid(), reply.path("duplicate").asBoolean(false)),
        new SignedCheckpoint(checkpoint, noteBytes), proof);
  }

  private AppendReceipt appendLocally(LogRecord record) throws Exception {
    try (TransparencyLog log = LocalLog.open(options.data(), origin, LogOptions.DEFAULTS, new LogMetrics())) {
      try {
        return log.appendAndProve(record).get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    }
  }
}
