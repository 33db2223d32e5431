package dev.castellan.cli.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.cli.CastellanCommand;
import dev.castellan.core.ipld.CarBlock;
import dev.castellan.core.ipld.CarReader;
import dev.castellan.log.LogRecord;
import dev.castellan.log.checkpoint.SignedCheckpoint;
import dev.castellan.log.merkle.ConsistencyProof;
import dev.castellan.log.merkle.InclusionProof;
import dev.castellan.log.merkle.TreeHasher;
import dev.castellan.log.note.NoteVerifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class LogCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private String out;
  private String err;

  private int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CommandLine commandLine = CastellanCommand.commandLine();
    commandLine.setOut(new PrintWriter(o));
    commandLine.setErr(new PrintWriter(e));
    int code = commandLine.execute(args);
    out = o.toString();
    err = e.toString();
    return code;
  }

  private Path data() {
    return dir.resolve("data");
  }

  private JsonNode append(String content, String... extra) throws Exception {
    Path file = Files.writeString(dir.resolve("in.bin"), content);
    List<String> args = new ArrayList<>(List.of("log", "append", "--data", data().toString(), file.toString(), "--json"));
    args.addAll(List.of(extra));
    assertThat(run(args.toArray(String[]::new))).as(err).isZero();
    return JSON.readTree(out);
  }

  private void appendMany(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      append("evidence " + i, i % 2 == 0 ? "--key-type=ED25519" : "--key-type=ECDSA_P256");
    }
  }

  @Test
  void appendKeyCheckpointGetProof_roundTrip() throws Exception {
    JsonNode first = append("first");
    assertThat(first.get("index").asLong()).isZero();
    assertThat(first.get("cid").asString()).startsWith("bafyrei");
    appendMany(4);
    JsonNode again = append("first");
    assertThat(again.get("duplicate").asBoolean()).isTrue();
    assertThat(again.get("index").asLong()).isZero();

    assertThat(run("log", "key", "--data", data().toString())).isZero();
    NoteVerifier key = NoteVerifier.parse(out.strip());
    assertThat(key.name()).isEqualTo("castellan.local/log");

    assertThat(run("log", "checkpoint", "--data", data().toString())).isZero();
    SignedCheckpoint checkpoint = SignedCheckpoint.open(out.getBytes(StandardCharsets.UTF_8), key.name(), key);
    assertThat(checkpoint.checkpoint().size()).isEqualTo(5);

    assertThat(run("log", "get", "--data", data().toString(), first.get("cid").asString(), "--json")).isZero();
    JsonNode record = JSON.readTree(out);
    assertThat(record.get("index").asLong()).isZero();
    assertThat(Base64.getDecoder().decode(record.get("data").asString())).isEqualTo("first".getBytes(StandardCharsets.UTF_8));

    Path raw = dir.resolve("record.cbor");
    assertThat(run("log", "get", "--data", data().toString(), "3", "--raw", "--out", raw.toString())).isZero();
    LogRecord stored = LogRecord.decode(Files.readAllBytes(raw));
    stored.verifySignature();

    assertThat(run("log", "proof", "--data", data().toString(), "3", "--json")).as(err).isZero();
    JsonNode proof = JSON.readTree(out);
    InclusionProof.verify(3, 5, TreeHasher.leafHash(stored.encoded()), hexList(proof.get("hashes")),
        checkpoint.checkpoint().rootHash());

    assertThat(run("log", "proof", "--data", data().toString(), "--from", "2", "--json")).as(err).isZero();
    JsonNode consistency = JSON.readTree(out);
    assertThat(run("log", "proof", "--data", data().toString(), "0", "--tree-size", "2", "--json")).as(err).isZero();
    byte[] root2 = dev.castellan.core.bytes.Hex.decode(JSON.readTree(out).get("rootHash").asString());
    ConsistencyProof.verify(2, 5, root2,
        checkpoint.checkpoint().rootHash(), hexList(consistency.get("hashes")));

    assertThat(run("log", "get", "--data", data().toString(), "99")).isEqualTo(1);
    assertThat(err).contains("no record 99").doesNotContain("\tat ");
  }

  @Test
  void verify_intactLogAndTrustedCheckpoint_ok() throws Exception {
    appendMany(3);
    assertThat(run("log", "checkpoint", "--data", data().toString())).isZero();
    Path trusted = Files.writeString(dir.resolve("trusted.note"), out);
    appendMany(4);
    assertThat(run("log", "verify", "--data", data().toString(), "--trusted-checkpoint", trusted.toString())).as(err).isZero();
    assertThat(out).startsWith("OK: 4 records").contains("trusted checkpoint of size 3");
  }

  @Test
  void verify_withForeignVkey_failsOnCheckpointSignature() throws Exception {
    appendMany(2);
    String foreign = dev.castellan.log.note.NoteSigner.generate("castellan.local/log", new java.security.SecureRandom())
        .verifier().vkey();
    assertThat(run("log", "verify", "--data", data().toString(), "--vkey", foreign)).isEqualTo(1);
    assertThat(err).contains("the checkpoint does not verify").doesNotContain("\tat ");
    assertThat(run("log", "key", "--data", data().toString())).isZero();
    String own = out.strip();
    assertThat(run("log", "verify", "--data", data().toString(), "--vkey", own, "--json")).isZero();
    assertThat(JSON.readTree(out).get("records").asLong()).isEqualTo(2);
  }

  @Test
  void verify_rewrittenHistory_inconsistentWithTrustedCheckpoint() throws Exception {
    appendMany(3);
    assertThat(run("log", "checkpoint", "--data", data().toString())).isZero();
    Path trusted = Files.writeString(dir.resolve("trusted.note"), out);
    // Same key, new history: the operator deleted the records and started again.
    try (var files = Files.list(data().resolve("log"))) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    append("a different first record");
    appendMany(3);
    assertThat(run("log", "verify", "--data", data().toString(), "--trusted-checkpoint", trusted.toString())).isEqualTo(1);
    assertThat(err).contains("not consistent with the trusted checkpoint of size 3").doesNotContain("\tat ");
  }

  @Test
  void verify_changedByte_droppedRecord_reorderedRecords_nameFirstBadIndex() throws Exception {
    appendMany(6);
    Path records = data().resolve("log").resolve("records.log");
    byte[] original = Files.readAllBytes(records);
    List<int[]> frames = frames(original);

    byte[] changed = original.clone();
    changed[frames.get(4)[0] + 30] ^= 0x40;
    Files.write(records, changed);
    assertThat(run("log", "verify", "--data", data().toString())).isEqualTo(1);
    assertThat(err).startsWith("castellan log verify: record 4:").doesNotContain("\tat ");

    ByteBuffer dropped = ByteBuffer.allocate(original.length - frames.get(2)[1]);
    dropped.put(original, 0, frames.get(2)[0]).put(original, frames.get(3)[0], original.length - frames.get(3)[0]);
    Files.write(records, dropped.array());
    assertThat(run("log", "verify", "--data", data().toString())).isEqualTo(1);
    assertThat(err).startsWith("castellan log verify: record 2:");

    ByteBuffer swapped = ByteBuffer.allocate(original.length);
    swapped.put(original, 0, frames.get(1)[0]);
    swapped.put(original, frames.get(2)[0], frames.get(2)[1]).put(original, frames.get(1)[0], frames.get(1)[1]);
    swapped.put(original, frames.get(3)[0], original.length - frames.get(3)[0]);
    Files.write(records, swapped.array());
    assertThat(run("log", "verify", "--data", data().toString())).isEqualTo(1);
    assertThat(err).startsWith("castellan log verify: record 1:");

    Files.write(records, original);
    assertThat(run("log", "verify", "--data", data().toString())).isZero();
  }

  @Test
  void exportCar_containsHeaderWithAllRootsAndEveryBlock() throws Exception {
    List<String> cids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      cids.add(append("car " + i).get("cid").asString());
    }
    Path car = dir.resolve("log.car");
    assertThat(run("log", "export", "--data", data().toString(), "--out", car.toString())).as(err).isZero();
    try (var in = Files.newInputStream(car); CarReader reader = CarReader.open(in)) {
      assertThat(reader.header().roots().stream().map(Object::toString).toList()).isEqualTo(cids);
      for (int i = 0; i < 3; i++) {
        assertThat(run("log", "get", "--data", data().toString(), Integer.toString(i), "--raw", "--out", dir.resolve("r").toString())).isZero();
        CarBlock block = reader.next();
        assertThat(block.cid().toString()).isEqualTo(cids.get(i));
        assertThat(block.data()).isEqualTo(Files.readAllBytes(dir.resolve("r")));
      }
      assertThat(reader.next()).isNull();
    }
  }

  @Test
  void tiles_writesCheckpointTilesAndEntries() throws Exception {
    appendMany(3);
    Path tiles = dir.resolve("tiles");
    assertThat(run("log", "tiles", "--data", data().toString(), "--out", tiles.toString())).as(err).isZero();
    assertThat(tiles.resolve("checkpoint")).exists();
    assertThat(Files.size(tiles.resolve("tile/0/000.p/3"))).isEqualTo(96);
    assertThat(tiles.resolve("tile/entries/000.p/3")).exists();
  }

  private static List<int[]> frames(byte[] file) {
    List<int[]> frames = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(file);
    for (int at = 0; at < file.length; ) {
      int length = 16 + b.getInt(at);
      frames.add(new int[] {at, length});
      at += length;
    }
    return frames;
  }

  private static List<byte[]> hexList(JsonNode node) {
    List<byte[]> out = new ArrayList<>();
    node.forEach(n -> out.add(dev.castellan.core.bytes.Hex.decode(n.asString())));
    return out;
  }
}
