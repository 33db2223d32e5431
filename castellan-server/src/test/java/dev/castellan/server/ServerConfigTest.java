package dev.castellan.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
  @Test
  void defaults_areLoopbackTlsAndBoundedBodies() throws Exception {
    ServerConfig config = ServerConfig.load(null, Map.of());
    assertThat(config).isEqualTo(ServerConfig.defaults());
    assertThat(config.bind()).isEqualTo("127.0.0.1");
    assertThat(config.tls()).isTrue();
    assertThat(config.maxBodyBytes()).isEqualTo(65536);
  }

  @Test
  void environment_overridesFile_whichOverridesDefaults(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("castellan.properties"), "port=9000\ndata=/srv/castellan\ntls=false\n");
    ServerConfig config = ServerConfig.load(file, Map.of("CASTELLAN_PORT", "9100", "CASTELLAN_MAX_BODY_BYTES", "1024"));
    assertThat(config.port()).isEqualTo(9100);
    assertThat(config.dataDirectory()).isEqualTo(Path.of("/srv/castellan"));
    assertThat(config.tls()).isFalse();
    assertThat(config.maxBodyBytes()).isEqualTo(1024);
  }

  @Test
  void badValues_areClearErrors(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CASTELLAN_PORT", "eighty")))
        .hasMessage("setting 'port' must be a whole number");
    assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CASTELLAN_PORT", "70000")))
        .hasMessageContaining("port must be 0 to 65535");
    assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CASTELLAN_TLS", "maybe")))
        .hasMessage("setting 'tls' must be true or false");
    assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CASTELLAN_MAX_BODY_BYTES", "999999999")))
        .hasMessageContaining("max-body-bytes must be 1 to");
    Path typo = Files.writeString(dir.resolve("typo.properties"), "prot=1\n");
    assertThatThrownBy(() -> ServerConfig.load(typo, Map.of())).hasMessageContaining("unknown setting 'prot'");
  }
}
