package dev.castellan.server.ra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.runtime.monitor.NatsKeys;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.testkit.NatsServers;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The NATS KV store against a real nats-server: the buckets hold the state, and it survives the oracle's restart. */
class RaNatsTest {
  @TempDir Path tmp;

  @Test
  void generate_storesIntoFsHashesAndFsAttDocs_andAnotherBootReadsThem() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/app.conf"), "port = 1\n");
    Path data = Files.createDirectories(tmp.resolve("data"));
    try (NatsServers nats = NatsServers.start(Files.createDirectories(tmp.resolve("nats")), 1)) {
      RaOptions options = RaOptions.of(root).withStore(nats.urls());
      JsonNode hash;
      JsonNode proof;
      try (RaOracle ra = RaOracle.boot(data, options, Oracle.Access.OPEN)) {
        assertThat(ra.generate(root.toString()).get("done").asInt()).isEqualTo(1);
        hash = ra.getJson("/ra/hash/?path=etc/app.conf");
        proof = ra.getJson("/ra/proof/?path=etc/app.conf");
      }
      try (Connection connection = nats.connect()) {
        KeyValue hashes = connection.keyValue("fs_hashes");
        KeyValue docs = connection.keyValue("fs_att_docs");
        String key = NatsKeys.encode("etc/app.conf");
        assertThat(new String(hashes.get(key).getValue(), StandardCharsets.US_ASCII)).isEqualTo(hash.get("hash").asString());
        RaRecord record = RaRecord.decode(docs.get(key).getValue());
        assertThat(record.path()).isEqualTo("etc/app.conf");
        assertThat(dev.castellan.core.bytes.Hex.encode(record.proof())).isEqualTo(proof.get("proof").asString());
      }
      // Nothing in the embedded store: the state is in NATS only.
      assertThat(Files.exists(data.resolve("ra/hashes"))).isFalse();
      try (RaOracle again = RaOracle.boot(data, options, Oracle.Access.OPEN)) {
        assertThat(again.getJson("/ra/hash/?path=etc/app.conf")).isEqualTo(hash);
        assertThat(again.getJson("/ra/proof/?path=etc/app.conf")).isEqualTo(proof);
        assertThat(again.getJson("/ra/doc/?path=etc/app.conf").get("userData").get("fileHash").asString())
            .isEqualTo(hash.get("hash").asString());
      }
    }
  }
}
