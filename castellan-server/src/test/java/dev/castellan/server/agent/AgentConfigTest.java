package dev.castellan.server.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castellan.attestation.image.ImageHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {
  private static final String KEY = "02" + "11".repeat(32);
  private static final String HASH = "ab".repeat(32);

  @TempDir Path dir;

  @Test
  void readsImagesByPathOrHashServicesAndTheGpuSource() throws Exception {
    Files.writeString(dir.resolve("image"), "the system image\n");
    Path chain = Files.writeString(dir.resolve("chain.pem"), "");
    AgentConfig config = load("""
        {"image": "image",
         "services": [{"name": "echo", "image": "%s", "publicKey": "%s", "url": "http://127.0.0.1:9001"},
                      {"name": "db", "imagePath": "image", "publicKey": "%s"}],
         "gpu": {"source": "command", "command": ["/bin/gpu", "--nonce", "{nonce}"], "chain": "chain.pem"}}
        """.formatted(HASH, KEY, KEY));
    assertEquals(ImageHash.of(dir.resolve("image")), config.image());
    assertEquals(2, config.services().size());
    assertEquals(HASH, dev.castellan.core.bytes.Hex.encode(config.services().get(0).leaf().imageHash()));
    assertEquals("http://127.0.0.1:9001", config.services().get(0).url().orElseThrow().toString());
    assertTrue(config.services().get(1).url().isEmpty());
    AgentConfig.Gpu.Command gpu = assertInstanceOf(AgentConfig.Gpu.Command.class, config.gpu());
    assertEquals(chain.toAbsolutePath(), gpu.chain());
    assertInstanceOf(AgentConfig.Gpu.None.class, load("{\"imageHash\": \"" + HASH + "\"}").gpu());
  }

  @Test
  void everyMistakeIsNamedWithWhereItIs() {
    assertError("{\"imageHash\": \"" + HASH + "\", \"servcies\": []}", "the configuration: unknown member servcies");
    assertError("{}", "the configuration needs exactly one of image (a path, hashed now) and imageHash");
    assertError("{\"image\": \"missing\"}", "image: ");
    assertError("{\"imageHash\": \"abc\"}", "the configuration.imageHash: image hash: expected 64 hex digits");
    assertError(services("{\"name\": \"a b\", \"image\": \"" + HASH + "\", \"publicKey\": \"" + KEY + "\"}"),
        "services[0].name: a service name is 1-64 characters");
    assertError(services("{\"name\": \"e\", \"image\": \"" + HASH + "\", \"publicKey\": \"xyz\"}"),
        "services[0].publicKey must be hex");
    assertError(services("{\"name\": \"e\", \"image\": \"" + HASH + "\", \"publicKey\": \"" + KEY
        + "\", \"url\": \"ftp://x\"}"), "services[0].url must be an http:// or https:// URL");
    String echo = "{\"name\": \"e\", \"image\": \"" + HASH + "\", \"publicKey\": \"" + KEY + "\"}";
    assertError(services(echo + ", " + echo), "service e is listed twice");
    assertError("{\"imageHash\": \"" + HASH + "\", \"gpu\": {\"source\": \"command\", \"command\": [\"/bin/gpu\"],"
        + " \"chain\": \"c.pem\"}}", "gpu.command must pass the nonce");
    assertError("{\"imageHash\": \"" + HASH + "\", \"gpu\": {\"source\": \"nvml\"}}", "gpu.source must be none, simulator or command");
    assertError("{\"imageHash\": \"" + HASH + "\", \"imageHash\": \"" + HASH + "\"}", "not valid JSON (a key is given twice)");
  }

  private static String services(String items) {
    return "{\"imageHash\": \"" + HASH + "\", \"services\": [" + items + "]}";
  }

  private void assertError(String json, String expected) {
    IOException e = assertThrows(IOException.class, () -> load(json), json);
    assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
  }

  private AgentConfig load(String json) throws IOException {
    Path file = Files.writeString(dir.resolve("agent.json"), json);
    return AgentConfig.load(file);
  }
}
