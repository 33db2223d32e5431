package dev.castellan.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.tpm.Tpm2Tools;
import dev.castellan.testkit.SwtpmExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code castellan up --sealing tpm:TCTI} against a real swtpm, each boot a JVM of its own: the
 * second boot unseals the same signing key; after PCR 7 is extended the oracle no longer
 * starts, and says why.
 */
class TpmSealedOracleTest {
  @RegisterExtension static final SwtpmExtension SWTPM = new SwtpmExtension();
  static final Duration BOOT = Duration.ofSeconds(90);
  @TempDir Path dir;

  String boot(Path data, String name) throws Exception {
    try (ChildJvm up = ChildJvm.start(dir, name, null, "up", "--data", data.toString(), "--port", "0", "--plain-http",
        "--sealing", "tpm:" + SWTPM.tcti())) {
      return up.await("signing key\\s+([0-9a-f]{66})", BOOT);
    }
  }

  @Test
  void bootsTwiceWithTheSameKey_andNotAfterAPcrExtend() throws Exception {
    Path data = dir.resolve("data");
    String first = boot(data, "up-1");
    assertThat(boot(data, "up-2")).isEqualTo(first);

    Tpm2Tools.create(SWTPM.tcti(), Duration.ofSeconds(30)).run("tpm2_pcrextend", "7:sha256=" + "ab".repeat(32));
    ChildJvm refused = ChildJvm.run(dir, "up-3", null, "up", "--data", data.toString(), "--port", "0", "--plain-http",
        "--sealing", "tpm:" + SWTPM.tcti());
    assertThat(refused.exitCode()).as(refused.output()).isNotZero();
    assertThat(refused.output()).contains("PCR 7");
  }
}
