package dev.castellan.cli.log;

import dev.castellan.log.LocalLog;
import dev.castellan.log.LogReader;
import dev.castellan.log.checkpoint.Checkpoint;
import dev.castellan.log.note.Note;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code castellan log proof}: inclusion proof of a record, or consistency proof between sizes. */
@Command(name = "proof", mixinStandardHelpOptions = true,
    description = {"Print the inclusion proof of INDEX|CID against the latest checkpoint (or --tree-size),",
        "or with --from M the consistency proof from size M to the checkpoint's size (or --tree-size)."})
final class LogProofCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions options;

  @Parameters(paramLabel = "INDEX|CID", arity = "0..1", description = "The record (inclusion proof).")
  String id;

  @Option(names = "--from", paramLabel = "M", description = "Consistency proof from tree size M.")
  Long from;

  @Option(names = "--tree-size", paramLabel = "N", description = "Tree size (default: the latest checkpoint's).")
  Long treeSize;

  @Override
  public Integer call() throws Exception {
    if ((id == null) == (from == null)) {
      throw new IllegalArgumentException("give either INDEX|CID (inclusion) or --from M (consistency)");
    }
    try (LogReader log = LogReader.open(LocalLog.openReadOnly(options.existing()))) {
      byte[] note = log.checkpointNote().orElseThrow(() -> new IllegalArgumentException("the log has no checkpoint yet"));
      long size = treeSize != null ? treeSize : Checkpoint.parse(Note.parse(note).text()).size();
      if (size < 0 || size > log.size()) {
        throw new IllegalArgumentException("tree size " + size + " is beyond the log's " + log.size() + " records");
      }
      Json json = new Json();
      List<byte[]> proof;
      if (id != null) {
        long index = Lookup.index(log, id);
        if (index >= size) {
          throw new IllegalArgumentException("record " + index + " is not in the tree of size " + size);
        }
        proof = log.inclusionProof(index, size);
        json.put("type", "inclusion").put("leafIndex", index).put("treeSize", size)
            .put("leafHash", Json.base64(log.leafHash(index)));
      } else {
        if (from < 1 || from > size) {
          throw new IllegalArgumentException("--from must be between 1 and the tree size " + size);
        }
        proof = log.consistencyProof(from, size);
        json.put("type", "consistency").put("size1", from).put("size2", size)
            .put("root1", Json.base64(log.root(from)));
      }
      json.put("rootHash", Json.base64(log.root(size)))
          .put("proof", proof.stream().map(Json::base64).toList());
      var out = spec.commandLine().getOut();
      if (options.json) {
        out.println(json);
      } else {
        proof.forEach(p -> out.println(Json.base64(p)));
      }
      out.flush();
      return 0;
    }
  }
}
