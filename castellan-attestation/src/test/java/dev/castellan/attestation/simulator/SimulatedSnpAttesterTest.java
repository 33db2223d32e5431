package dev.castellan.attestation.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.CollateralKey;
import dev.castellan.attestation.EvidenceFormat;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.Platform;
import dev.castellan.core.bytes.Hex;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated SEV-SNP report, checked against the layout of AMD spec 56860 Table 22 and
 * verified independently of the simulator (JCA ECDSA with the VCEK, JDK PKIX with RSASSA-PSS
 * to the simulated ARK). One data directory per class: RSA-4096 key generation is slow.
 */
class SimulatedSnpAttesterTest {
  static final Instant START = Instant.parse("2026-11-21T09:00:00Z");

  @TempDir static Path data;
  static SimulatorHome home;
  static SimulatedSnpAttester attester;
  static byte[] artifactBytes = "the oracle jar".getBytes(StandardCharsets.US_ASCII);

  @BeforeAll
  static void create() throws Exception {
    home = SimulatorHome.open(data, new TestClock(START), new SecureRandom());
    attester = SimulatedSnpAttester.create(home, measure("app.jar", artifactBytes), new SecureRandom());
  }

  static BootMeasurements measure(String name, byte[] content) throws Exception {
    Path file = data.resolve(name);
    Files.write(file, content);
    return BootMeasurements.of(file, new byte[0]);
  }

  static byte[] reportData() {
    byte[] value = new byte[64];
    for (int i = 0; i < 64; i++) {
      value[i] = (byte) (0xA0 + i);
    }
    return value;
  }

  static ByteBuffer le(byte[] report) {
    return ByteBuffer.wrap(report).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Big-endian r || s from the report's little-endian 72-byte fields. */
  static byte[] p1363(byte[] report) {
    byte[] out = new byte[96];
    for (int i = 0; i < 48; i++) {
      out[47 - i] = report[0x2A0 + i];
      out[95 - i] = report[0x2E8 + i];
    }
    return out;
  }

  static boolean signatureValid(byte[] report, X509Certificate vcek) throws Exception {
    Signature verifier = Signature.getInstance("SHA384withECDSAinP1363Format");
    verifier.initVerify(vcek.getPublicKey());
    verifier.update(report, 0, 0x2A0);
    return verifier.verify(p1363(report));
  }

  @Test
  void report_hasTheVersion3Layout() throws Exception {
    byte[] report = attester.report(reportData());
    ByteBuffer b = le(report);

    assertThat(report).hasSize(1184);
    assertThat(b.getInt(0x000)).isEqualTo(3);
    long policy = b.getLong(0x008);
    assertThat(policy & (1L << 19)).as("DEBUG").isZero();
    assertThat(policy & (1L << 17)).as("must-be-one bit 17").isNotZero();
    assertThat(b.getInt(0x030)).as("VMPL").isZero();
    assertThat(b.getInt(0x034)).as("SIGNATURE_ALGO").isEqualTo(1);
    assertThat(b.getInt(0x048)).as("flags: VCEK, chip id not masked").isZero();
    assertThat(Arrays.copyOfRange(report, 0x050, 0x090)).isEqualTo(reportData());
    assertThat(Arrays.copyOfRange(report, 0x090, 0x0C0))
        .isEqualTo(SimulatedNitroDeviceTest.sha384(artifactBytes))
        .isEqualTo(attester.measurement());
    assertThat(Arrays.copyOfRange(report, 0x1A0, 0x1E0)).isEqualTo(attester.chipId());
    assertThat(report[0x188]).as("CPUID family").isEqualTo((byte) 0x19);
    long tcb = b.getLong(0x180);
    assertThat(b.getLong(0x038)).isEqualTo(tcb);
    assertThat(b.getLong(0x1E0)).isEqualTo(tcb);
    assertThat(b.getLong(0x1F0)).isEqualTo(tcb);
    assertThat(tcb & 0xff).isEqualTo(SimulatedAmdCa.BOOTLOADER_SPL);
    assertThat((tcb >>> 48) & 0xff).isEqualTo(SimulatedAmdCa.SNP_SPL);
    assertThat((tcb >>> 56) & 0xff).isEqualTo(SimulatedAmdCa.MICROCODE_SPL);
    for (int i = 0x2A0 + 48; i < 0x2E8; i++) {
      assertThat(report[i]).as("R padding at 0x%03X", i).isZero();
    }
    for (int i = 0x2E8 + 48; i < 1184; i++) {
      assertThat(report[i]).as("S padding / reserved at 0x%03X", i).isZero();
    }
    assertThat(EvidenceFormat.detect(report)).isEqualTo(Platform.SEV_SNP);
  }

  @Test
  void report_wrongReportDataLength_throws() {
    for (int length : new int[] {0, 32, 63, 65}) {
      assertThatThrownBy(() -> attester.report(new byte[length]))
          .as("%d bytes", length)
          .isInstanceOf(MalformedEvidenceException.class)
          .hasMessageContaining("64 bytes");
    }
    assertThatThrownBy(() -> attester.attest(new byte[32])).isInstanceOf(MalformedEvidenceException.class);
  }

  @Test
  void report_signatureVerifiesWithTheVcek_andNotAfterAFlip() throws Exception {
    byte[] report = attester.report(reportData());
    assertThat(signatureValid(report, attester.vcek())).isTrue();

    for (int offset : new int[] {0x000, 0x050, 0x08F, 0x090, 0x1A0, 0x29F, 0x2A0, 0x2E8}) {
      byte[] flipped = report.clone();
      flipped[offset] ^= 1;
      assertThat(signatureValid(flipped, attester.vcek())).as("flip at 0x%03X", offset).isFalse();
    }
  }

  @Test
  void vcek_chainsToTheSimulatedArkWithRsaPss_andCarriesAmdExtensions() throws Exception {
    var anchors = home.snpAnchors();
    X509Certificate ark = anchors.get(0).certificate();
    X509Certificate ask = anchors.get(1).certificate();
    assertThat(anchors.get(0).simulated()).isTrue();
    assertThat(anchors.get(0).root()).isTrue();
    assertThat(anchors.get(1).root()).isFalse();
    assertThat(ark.getSigAlgName()).containsIgnoringCase("PSS");
    assertThat(attester.vcek().getSigAlgName()).containsIgnoringCase("PSS");

    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ark, null)));
    params.setRevocationEnabled(false);
    params.setDate(Date.from(START));
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(attester.vcek(), ask)), params);

    byte[] hwId = attester.vcek().getExtensionValue("1.3.6.1.4.1.3704.1.4");
    assertThat(Arrays.copyOfRange(hwId, 2, hwId.length)).isEqualTo(attester.chipId());
    assertThat(attester.vcek().getExtensionValue("1.3.6.1.4.1.3704.1.3.3"))
        .isEqualTo(new byte[] {0x04, 0x03, 0x02, 0x01, (byte) SimulatedAmdCa.SNP_SPL});
  }

  @Test
  void collateral_servesTheVcekUnderItsChipId() throws Exception {
    var found =
        attester.collateral().find(new CollateralKey(Platform.SEV_SNP, "vcek", Hex.encode(attester.chipId())));
    assertThat(found).isPresent();
    assertThat(found.get()).isEqualTo(attester.vcek().getEncoded());
  }

  @Test
  void create_again_reusesTheHierarchy_andMeasuresTheNewArtifact() throws Exception {
    SimulatorHome reopened = SimulatorHome.open(data, new TestClock(START), new SecureRandom());
    byte[] changed = artifactBytes.clone();
    changed[0] ^= 1;
    SimulatedSnpAttester other = SimulatedSnpAttester.create(reopened, measure("b.jar", changed), new SecureRandom());

    assertThat(reopened.snpAnchors().get(0).sha256()).isEqualTo(home.snpAnchors().get(0).sha256());
    assertThat(other.chipId()).isEqualTo(attester.chipId());
    assertThat(other.measurement()).isNotEqualTo(attester.measurement());
    assertThat(signatureValid(other.report(reportData()), attester.vcek())).isTrue();
  }
}
