package dev.castellan.cli.log;

import dev.castellan.core.bytes.ConstantTime;
import dev.castellan.log.LocalLog;
import dev.castellan.log.LogReader;
import dev.castellan.log.ProofException;
import dev.castellan.log.checkpoint.Checkpoint;
import dev.castellan.log.merkle.InclusionProof;
import dev.castellan.log.merkle.TreeHasher;
import dev.castellan.log.note.Note;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code castellan log proof}: inclusion proof of a record, or consistency proof between sizes. */
@Command(name = "proof", mixinStandardHelpOptions = true,
    description = {"Print an inclusion or consistency proof.",
        "",
        "The inclusion proof of INDEX|CID against the latest checkpoint (or --tree-size),",
        "or with --from M the consistency proof from size M to the checkpoint's size (or --tree-size).",
        "With --url the server's proof is checked against the record (and the checkpoint, at its size).",
        "--json prints the same object as the server's GET /v1/log/proof/... (docs/log.md, \"JSON\")."})
final class LogProofCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions options;

  @Parameters(paramLabel = "INDEX|CID", arity = "0..1", description = "The record (inclusion proof).")
  String id;

  @Option(names = "--from", paramLabel = "M", description = "Consistency proof from tree size M.")
  Long from;

  @Option(names = "--tree-size", paramLabel = "N", description = "Tree size (default: the latest checkpoint's).")
  Long treeSize;

  /** A proof and its JSON description. */
  private record Proof(List<byte[]> hashes, Json json) {}

  @Override
  public Integer call() throws Exception {
    if ((id == null) == (from == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give either INDEX|CID (inclusion) or --from M (consistency)");
    }
    Proof proof = options.isRemote() ? remote(options.remote()) : local();
    var out = spec.commandLine().getOut();
    if (options.json) {
      out.println(proof.json().put("hashes", proof.hashes().stream().map(Json::hex).toList()));
    } else {
      proof.hashes().forEach(p -> out.println(Json.hex(p)));
    }
    out.flush();
    return 0;
  }

  private Proof local() throws Exception {
    try (LogReader log = LogReader.open(LocalLog.openReadOnly(options.existing()))) {
      byte[] note = log.checkpointNote().orElseThrow(() -> new IllegalArgumentException("the log has no checkpoint yet"));
      long size = treeSize != null ? treeSize : Checkpoint.parse(Note.parse(note).text()).size();
      if (size < 0 || size > log.size()) {
        throw new IllegalArgumentException("--tree-size must be between 0 and the log's " + log.size() + " records, got " + size);
      }
      Json json = new Json();
      List<byte[]> proof;
      if (id != null) {
        long index = Lookup.index(log, id);
        if (index >= size) {
          throw new IllegalArgumentException("record " + index + " is not in the tree of size " + size);
        }
        proof = log.inclusionProof(index, size);
        json.put("type", "inclusion").put("index", index).put("treeSize", size)
            .put("leafHash", Json.hex(log.leafHash(index))).put("rootHash", Json.hex(log.root(size)));
      } else {
        if (from < 1 || from > size) {
          throw new IllegalArgumentException("--from must be between 1 and the tree size " + size);
        }
        proof = log.consistencyProof(from, size);
        json.put("type", "consistency").put("from", from).put("to", size);
      }
      return new Proof(proof, json);
    }
  }

  private Proof remote(RemoteLog remote) throws Exception {
    Checkpoint latest = Checkpoint.parse(Note.parse(remote.checkpoint()).text());
    OptionalLong size = treeSize == null ? OptionalLong.empty() : OptionalLong.of(treeSize);
    Json json = new Json();
    if (id != null) {
      RemoteLog.Fetched record = Lookup.fetch(remote, id);
      byte[] leafHash = TreeHasher.leafHash(record.bytes());
      JsonNode reply = remote.inclusionProof(record.index(), size);
      long proofSize = reply.path("treeSize").asLong(-1);
      List<byte[]> hashes = RemoteLog.hashes(reply.get("hashes"));
      if (reply.path("index").asLong(-1) != record.index() || proofSize < 1 || treeSize != null && proofSize != treeSize) {
        throw new ProofException("the server's inclusion proof is not for the record and tree size asked for");
      }
      byte[] root = InclusionProof.rootFromProof(record.index(), proofSize, leafHash, hashes);
      if (proofSize == latest.size() && !ConstantTime.equals(root, latest.rootHash())) {
        throw new ProofException("the server's inclusion proof does not verify against its checkpoint");
      }
      json.put("type", "inclusion").put("index", record.index()).put("treeSize", proofSize)
          .put("leafHash", Json.hex(leafHash)).put("rootHash", Json.hex(root));
      return new Proof(hashes, json);
    }
    JsonNode reply = remote.consistencyProof(from, size);
    long size2 = reply.path("to").asLong(-1);
    if (reply.path("from").asLong(-1) != from || size2 < from || treeSize != null && size2 != treeSize) {
      throw new ProofException("the server's consistency proof is not for the tree sizes asked for");
    }
    json.put("type", "consistency").put("from", from).put("to", size2);
    return new Proof(RemoteLog.hashes(reply.get("hashes")), json);
  }
}
