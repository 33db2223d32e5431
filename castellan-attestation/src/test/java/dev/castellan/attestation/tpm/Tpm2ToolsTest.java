package dev.castellan.attestation.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.testkit.Swtpm;
import dev.castellan.testkit.SwtpmExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The shared tpm2-tools runner against a real swtpm, and each way a run can fail. */
class Tpm2ToolsTest {
  @RegisterExtension static final SwtpmExtension SWTPM = new SwtpmExtension();

  @Test
  void runWithInput_hashOfStandardInput_returnsStandardOutput() throws Exception {
    Tpm2Tools tools = Tpm2Tools.create(SWTPM.tcti(), Tpm2Tools.DEFAULT_TIMEOUT);
    byte[] out = tools.runWithInput("abc".getBytes(StandardCharsets.US_ASCII),
        "tpm2_hash", "-g", "sha256", "-C", "o", "--hex");
    assertThat(new String(out, StandardCharsets.US_ASCII).strip())
        .isEqualTo(Hex.encode(HashAlgorithm.SHA_256.hash("abc".getBytes(StandardCharsets.US_ASCII))));
  }

  @Test
  void run_tpmRefuses_failedWithResponseCode() {
    Tpm2Tools tools = Tpm2Tools.create(SWTPM.tcti(), Tpm2Tools.DEFAULT_TIMEOUT);
    assertThatThrownBy(() -> tools.run("tpm2_readpublic", "-c", "0x81000099"))
        .isInstanceOfSatisfying(Tpm2ToolsException.class, e -> {
          assertThat(e.reason()).isEqualTo(Tpm2ToolsException.Reason.FAILED);
          assertThat(e.tool()).isEqualTo("tpm2_readpublic");
          assertThat(e.responseCode()).hasValue(0x18b);
          assertThat(e.isTpmError(0x08b)).isTrue(); // TPM_RC_HANDLE, in handle 1
          assertThat(e.isTpmError(0x09d)).isFalse();
        })
        .hasMessageContaining("tpm2_readpublic failed (exit 1) on TCTI " + SWTPM.tcti())
        .hasMessageContaining("the handle is not correct");
  }

  @Test
  void run_toolNotInstalled_namesTheTool(@TempDir Path empty) {
    Tpm2Tools tools = Tpm2Tools.create(SWTPM.tcti(), Tpm2Tools.DEFAULT_TIMEOUT).withToolDirectory(empty);
    assertThatThrownBy(() -> tools.run("tpm2_pcrread", "sha256:0"))
        .isInstanceOfSatisfying(Tpm2ToolsException.class,
            e -> assertThat(e.reason()).isEqualTo(Tpm2ToolsException.Reason.NOT_INSTALLED))
        .hasMessageContaining("tpm2_pcrread is not installed in " + empty)
        .hasMessageContaining("apt-get install tpm2-tools");
  }

  @Test
  void run_nothingListening_unreachableNamesTheTcti() throws Exception {
    String tcti = Swtpm.unreachableTcti();
    String port = tcti.substring(tcti.lastIndexOf('=') + 1);
    Tpm2Tools tools = Tpm2Tools.create(tcti, Tpm2Tools.DEFAULT_TIMEOUT);
    assertThatThrownBy(() -> tools.run("tpm2_pcrread", "sha256:0"))
        .isInstanceOfSatisfying(Tpm2ToolsException.class,
            e -> assertThat(e.reason()).isEqualTo(Tpm2ToolsException.Reason.UNREACHABLE))
        .hasMessage("cannot reach the TPM at TCTI " + tcti
            + ": Failed to connect to host 127.0.0.1, port " + port + ": errno 111: Connection refused");
  }

  /**
   * A peer that accepts the connections (the swtpm TCTI opens the command port and the
   * control port next to it) and never answers: the tool would wait forever.
   */
  @Test
  void run_tpmNeverAnswers_killedAfterTheTimeout() throws Exception {
    for (int attempt = 0; ; attempt++) {
      try (ServerSocket command = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
          ServerSocket control = new ServerSocket(command.getLocalPort() + 1, 4, InetAddress.getLoopbackAddress())) {
        Tpm2Tools tools = Tpm2Tools.create("swtpm:host=127.0.0.1,port=" + command.getLocalPort(),
            Duration.ofMillis(700));
        long start = System.nanoTime();
        assertThatThrownBy(() -> tools.run("tpm2_pcrread", "sha256:0"))
            .isInstanceOfSatisfying(Tpm2ToolsException.class,
                e -> assertThat(e.reason()).isEqualTo(Tpm2ToolsException.Reason.TIMED_OUT))
            .hasMessageContaining("tpm2_pcrread timed out after PT0.7S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        return;
      } catch (java.net.BindException taken) {
        assertThat(attempt).as("a free pair of loopback ports").isLessThan(20);
      }
    }
  }

  @Test
  void run_absentDevice_noDevice() {
    Tpm2Tools tools = Tpm2Tools.create("device:/dev/castellan-no-such-tpm", Tpm2Tools.DEFAULT_TIMEOUT);
    assertThatThrownBy(() -> tools.run("tpm2_pcrread", "sha256:0"))
        .isInstanceOfSatisfying(Tpm2ToolsException.class,
            e -> assertThat(e.reason()).isEqualTo(Tpm2ToolsException.Reason.NO_DEVICE))
        .hasMessage("no TPM device at /dev/castellan-no-such-tpm");
  }

  @Test
  void create_controlCharacterInTcti_refused() {
    assertThatThrownBy(() -> Tpm2Tools.create("device:/dev/tpm\n0", Tpm2Tools.DEFAULT_TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
