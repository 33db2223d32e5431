package dev.castellan.attestation.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.CertificateChainException;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.FreshnessException;
import dev.castellan.attestation.GpuClaims;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.SignatureInvalidException;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.gpu.GpuCertificateChain;
import dev.castellan.attestation.gpu.GpuEvidence;
import dev.castellan.attestation.gpu.GpuReport;
import dev.castellan.attestation.gpu.GpuVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated Hopper GPU's evidence verifies with the production GPU verifier, given the simulated root. */
class SimulatedGpuTest {
  static final Instant START = Instant.parse("2026-11-21T09:00:00Z");

  @TempDir static Path data;
  static SimulatorHome home;
  static SimulatedGpu gpu;
  static GpuVerifier verifier;

  @BeforeAll
  static void open() throws Exception {
    home = SimulatorHome.open(data, new TestClock(START), new SecureRandom());
    gpu = SimulatedGpu.open(home, new TestClock(START), new SecureRandom());
    verifier = GpuVerifier.create(home.gpuTrustAnchors());
  }

  static byte[] nonce() {
    byte[] value = new byte[SimulatedGpu.NONCE_BYTES];
    new SecureRandom().nextBytes(value);
    return value;
  }

  static VerificationRequest request(byte[] expected) {
    return VerificationRequest.at(START.plusSeconds(60), Freshness.nonce(expected));
  }

  @Test
  void verify_simulatedEvidence_passesEveryCheckAndIsLabelledSimulated() throws Exception {
    byte[] nonce = nonce();
    GpuEvidence evidence = gpu.attest(nonce);
    AttestationResult result = verifier.verify(evidence, request(nonce));

    assertThat(result.simulated()).isTrue();
    assertThat(result.checks()).extracting(c -> c.name())
        .contains("gpu.report", "gpu.chain", "gpu.fwid", "gpu.signature", "gpu.nonce");
    assertThat(evidence.chain()).hasSize(GpuCertificateChain.HOPPER_CHAIN_LENGTH);
    for (X509Certificate certificate : evidence.chain()) {
      assertThat(certificate.getSigAlgName()).isEqualTo("SHA384withECDSA");
    }
    assertThat(evidence.chain().getLast()).isEqualTo(gpu.root().certificate());
    assertThat(gpu.root().simulated()).isTrue();
  }

  @Test
  void claims_ofTheSimulatedReport_areSane() throws Exception {
    byte[] nonce = nonce();
    GpuEvidence evidence = gpu.attest(nonce);
    GpuClaims claims = (GpuClaims) verifier.verify(evidence, request(nonce)).claims();

    assertThat(claims.simulated()).isTrue();
    assertThat(claims.nonce().toByteArray()).isEqualTo(nonce);
    assertThat(claims.responderNonce().toByteArray()).isNotEqualTo(nonce);
    assertThat(claims.opaque().driverVersion()).isEqualTo(SimulatedGpu.DRIVER_VERSION);
    assertThat(claims.opaque().vbiosVersion()).isEqualTo(SimulatedGpu.VBIOS_VERSION);
    assertThat(claims.opaque().fwid()).isPresent();
    assertThat(claims.opaque().chipSku()).contains("SIMULATED");
    assertThat(claims.opaque().measurementCounts()).hasSize(SimulatedGpu.MEASUREMENT_BLOCKS);
    assertThat(claims.measurements()).hasSize(SimulatedGpu.MEASUREMENT_BLOCKS);
    assertThat(claims.measurement(1).orElseThrow().toByteArray()).isEqualTo(gpu.measurements().get(1));
    assertThat(claims.measurement(1)).isNotEqualTo(claims.measurement(2));
    assertThat(claims.trailingBytes()).isZero();
    assertThat(claims.evidenceDigest()).isEqualTo(evidence.digest());
  }

  @Test
  void verify_bundledNvidiaRoot_failsTheChainCheck() throws Exception {
    byte[] nonce = nonce();
    GpuEvidence evidence = gpu.attest(nonce);
    assertThatThrownBy(() -> GpuVerifier.create(TrustAnchors.bundled()).verify(evidence, request(nonce)))
        .isInstanceOf(CertificateChainException.class)
        .hasMessageStartingWith("gpu.chain: ")
        .hasMessageContaining("not the pinned NVIDIA root");
  }

  @Test
  void verify_otherExpectedNonce_failsTheNonceCheck() throws Exception {
    GpuEvidence evidence = gpu.attest(nonce());
    assertThatThrownBy(() -> verifier.verify(evidence, request(nonce())))
        .isInstanceOf(FreshnessException.class)
        .hasMessageStartingWith("gpu.nonce: ");
  }

  @Test
  void verify_flippedSignedByte_failsTheSignature() throws Exception {
    byte[] nonce = nonce();
    GpuEvidence evidence = gpu.attest(nonce);
    byte[] report = evidence.report();
    int signedLength = GpuReport.parse(report).signedLength();
    // The request nonce, a measurement digest, the responder nonce, a byte of opaque data.
    int firstDigest = 37 + 8 + 7;
    int responderNonce = 37 + 8 + SimulatedGpu.MEASUREMENT_BLOCKS * 55;
    for (int offset : new int[] {4, firstDigest, responderNonce, signedLength - 1}) {
      byte[] flipped = report.clone();
      flipped[offset] ^= 0x01;
      assertThatThrownBy(() -> verifier.verify(GpuEvidence.of(flipped, evidence.chain()), request(nonce)))
          .as("flip at %d", offset)
          .isInstanceOf(SignatureInvalidException.class)
          .hasMessageStartingWith("gpu.signature: ");
    }
  }

  @Test
  void attest_nonceOfTheWrongLength_isRefusedNotPadded() {
    assertThatThrownBy(() -> gpu.attest(new byte[31]))
        .isInstanceOf(MalformedEvidenceException.class)
        .hasMessageContaining("exactly 32 bytes");
    assertThatThrownBy(() -> gpu.attest(new byte[33])).isInstanceOf(MalformedEvidenceException.class);
  }

  @Test
  void open_sameDataDirectoryAgain_sameRootAndSameMeasurements() throws Exception {
    SimulatorHome again = SimulatorHome.open(data, new TestClock(START.plusSeconds(3600)), new SecureRandom());
    SimulatedGpu reopened = SimulatedGpu.open(again, new TestClock(START.plusSeconds(3600)), new SecureRandom());

    assertThat(reopened.root().sha256()).isEqualTo(gpu.root().sha256());
    assertThat(again.gpuRoot().sha256()).isEqualTo(gpu.root().sha256());
    SortedMap<Integer, byte[]> before = gpu.measurements();
    SortedMap<Integer, byte[]> after = reopened.measurements();
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach((index, digest) -> assertThat(after.get(index)).as("block %d", index).isEqualTo(digest));
    byte[] nonce = nonce();
    GpuClaims claims = (GpuClaims) verifier.verify(reopened.attest(nonce), request(nonce)).claims();
    assertThat(claims.measurement(7).orElseThrow().toByteArray()).isEqualTo(before.get(7));
  }

  @Test
  void open_otherDataDirectory_otherRootAndOtherMeasurements(@TempDir Path other) throws Exception {
    SimulatedGpu elsewhere = SimulatedGpu.open(SimulatorHome.open(other, new TestClock(START), new SecureRandom()),
        new TestClock(START), new SecureRandom());
    assertThat(elsewhere.root().sha256()).isNotEqualTo(gpu.root().sha256());
    assertThat(elsewhere.measurements().get(1)).isNotEqualTo(gpu.measurements().get(1));
  }

  @Test
  void state_onDisk_isTheCertificatesAndOnlyTheDeviceCaKey_ownerOnly() throws Exception {
    Path dir = home.directory().resolve("gpu");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("root.crt", "identity-ca.crt", "provisioner-ca.crt", "device-ca.crt", "device-ca.key");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("device-ca.key"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    assertThat(List.of(home.gpuTrustAnchors().all().getFirst().name())).containsExactly(SimulatorHome.GPU_ROOT_NAME);
  }
}
