package dev.castellan.keys.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.tpm.Tpm2Tools;
import dev.castellan.attestation.tpm.Tpm2ToolsException;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.testkit.SwtpmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/tpm-unseal.sh, the shell-only unseal for an initramfs without a JVM, opens what
 * TpmSealer seals and refuses after a PCR extend: the documented format and steps are the
 * implemented ones.
 */
class DocumentedUnsealScriptTest {
  @RegisterExtension static final SwtpmExtension SWTPM = new SwtpmExtension();
  /** Tests run in the module directory; the docs are beside it. */
  private static final Path SCRIPT = Path.of("..", "docs", "tpm-unseal.sh");

  @Test
  void script_unsealsTheBlob_thenRefusesAfterAnExtend(@TempDir Path dir) throws Exception {
    assertThat(SCRIPT).as("the script the docs describe").isRegularFile();
    byte[] key = new byte[64];
    new SecureRandom().nextBytes(key);
    Path blob = Files.write(dir.resolve("root.ctpm"),
        TpmSealer.create(SWTPM.tcti(), List.of(0, 7, 16)).seal(SecretBytes.copyOf(key)));
    // The shared runner sets TPM2TOOLS_TCTI for the script as it does for the tools.
    Tpm2Tools shell = Tpm2Tools.create(SWTPM.tcti(), Tpm2Tools.DEFAULT_TIMEOUT);
    assertThat(shell.run("sh", SCRIPT.toString(), blob.toString())).isEqualTo(key);

    shell.run("tpm2_pcrextend", "16:sha256=" + "01".repeat(32));
    assertThatThrownBy(() -> shell.run("sh", SCRIPT.toString(), blob.toString()))
        .isInstanceOfSatisfying(Tpm2ToolsException.class, e -> assertThat(e.isTpmError(0x09d)).isTrue());
    assertThat(shell.run("tpm2_getcap", "handles-loaded-session")).isEmpty();
  }
}
