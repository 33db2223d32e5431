package dev.castellan.attestation.tsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.DeviceUnavailableException;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.SnpClaims;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.simulator.BootMeasurements;
import dev.castellan.attestation.simulator.SimulatedSnpAttester;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.attestation.snp.SnpVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsmReportAttesterTest {
  @TempDir Path data;

  /** configfs-tsm semantics in memory: mkdir creates an entry, writes bump generation. */
  static final class FakeKernel implements TsmFiles {
    final Path root;
    final String provider;
    final UnaryOperator<byte[]> firmware;
    final Map<Path, Map<String, byte[]>> entries = new HashMap<>();
    int extraWrites;

    FakeKernel(Path root, String provider, UnaryOperator<byte[]> firmware) {
      this.root = root;
      this.provider = provider;
      this.firmware = firmware;
    }

    @Override public boolean isDirectory(Path path) {
      return path.equals(root);
    }

    @Override public void mkdir(Path path) throws IOException {
      if (!path.getParent().equals(root) || entries.putIfAbsent(path, new HashMap<>(Map.of(
          "provider", (provider + "\n").getBytes(StandardCharsets.US_ASCII), "generation", "0\n".getBytes(StandardCharsets.US_ASCII)))) != null) {
        throw new IOException("mkdir failed");
      }
    }

    @Override public void write(Path path, byte[] bytes) throws IOException {
      Map<String, byte[]> entry = entries.get(path.getParent());
      entry.put(path.getFileName().toString(), bytes);
      long generation = Long.parseLong(new String(entry.get("generation"), StandardCharsets.US_ASCII).strip()) + 1 + extraWrites;
      entry.put("generation", (generation + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Override public byte[] read(Path path, int max) throws IOException {
      Map<String, byte[]> entry = entries.get(path.getParent());
      String name = path.getFileName().toString();
      byte[] value = name.equals("outblob") ? firmware.apply(entry.get("inblob")) : entry.get(name);
      if (value == null) {
        throw new IOException("no such attribute");
      }
      return value;
    }

    @Override public void rmdir(Path path) throws IOException {
      if (entries.remove(path) == null) {
        throw new IOException("rmdir failed");
      }
    }
  }

  @Test
  void attest_snpGuest_producesAReportTheVerifierAccepts() throws Exception {
    SimulatorHome home = SimulatorHome.open(data);
    Path jar = Files.write(data.resolve("app.jar"), new byte[] {1, 2, 3});
    SimulatedSnpAttester firmware = SimulatedSnpAttester.create(home, BootMeasurements.of(jar, new byte[0]), new SecureRandom());
    FakeKernel kernel = new FakeKernel(Path.of("/sys/kernel/config/tsm/report"), "sev_guest", reportData -> {
      try {
        return firmware.report(reportData);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    TsmReportAttester attester = TsmReportAttester.open(kernel.root, OptionalInt.of(0), kernel);
    assertThat(attester.platform()).isEqualTo(Platform.SEV_SNP);
    byte[] reportData = new byte[64];
    new SecureRandom().nextBytes(reportData);
    Evidence evidence = attester.attest(reportData);
    SnpClaims claims = (SnpClaims) SnpVerifier.create(home.snpTrustAnchors())
        .verify(evidence, VerificationRequest.at(Instant.now(), Freshness.reportData(reportData))
            .withCollateral(firmware.collateral()))
        .claims();
    assertThat(claims.simulated()).isTrue();
    assertThat(kernel.entries).isEmpty();
    assertThat(attester.report(reportData).auxblob()).isEmpty();
  }

  @Test
  void attest_wrongLengthOrConcurrentWriter_throws() throws Exception {
    FakeKernel kernel = new FakeKernel(Path.of("/tsm"), "tdx_guest", in -> new byte[] {1});
    TsmReportAttester attester = TsmReportAttester.open(kernel.root, OptionalInt.empty(), kernel);
    assertThat(attester.platform()).isEqualTo(Platform.TDX);
    assertThatThrownBy(() -> attester.attest(new byte[32])).isInstanceOf(MalformedEvidenceException.class);
    kernel.extraWrites = 1;
    assertThatThrownBy(() -> attester.attest(new byte[64]))
        .isInstanceOf(DeviceUnavailableException.class).hasMessageContaining("tsm.generation");
    assertThat(kernel.entries).isEmpty();
  }

  @Test
  void open_absentOrUnknownProvider_throwsNamingTheDevice() {
    assertThatThrownBy(() -> TsmReportAttester.open(data.resolve("no-such-dir"), OptionalInt.empty()))
        .isInstanceOf(DeviceUnavailableException.class).hasMessageContaining("no-such-dir")
        .hasMessageContaining("configfs-tsm");
    FakeKernel cca = new FakeKernel(Path.of("/tsm"), "arm_cca_guest\u001b[31m", in -> in);
    assertThatThrownBy(() -> TsmReportAttester.open(cca.root, OptionalInt.empty(), cca))
        .isInstanceOf(DeviceUnavailableException.class).hasMessageContaining("arm_cca_guest\\u001b");
  }
}
