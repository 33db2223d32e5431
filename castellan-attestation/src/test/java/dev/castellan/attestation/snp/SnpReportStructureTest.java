package dev.castellan.attestation.snp;

import static dev.castellan.attestation.snp.SnpVectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.testkit.Failures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Single-bit mutations over every reserved region of the real vector reports (versions 2
 * and 3, and the same reports relabelled version 5 for the version-5 layout), sent through
 * the real verifier: each is rejected as malformed evidence (not as a bad signature, which
 * proves the structure check runs first) with the field named in the message.
 */
class SnpReportStructureTest {
  private final SnpVerifier verifier = SnpVerifier.createUncached(TrustAnchors.bundled());

  /** A byte range whose every bit is reserved, and the text the error must contain. */
  record Region(int from, int to, String field) {}

  /** A single bit at {@code bit} of the little-endian word at {@code offset}. */
  record Bit(int offset, int bit, String field) {}

  private static List<Region> reservedRegions(int layoutVersion, boolean turin) {
    List<Region> out = new ArrayList<>(List.of(
        new Region(0x04C, 0x050, "reserved field at 0x04C"),
        new Region(0x1EB, 0x1EC, "reserved byte at 0x1EB"),
        new Region(0x1EF, 0x1F0, "reserved byte at 0x1EF"),
        new Region(0x2D0, 0x2E8, "zero padding of signature R"),
        new Region(0x318, 0x330, "zero padding of signature S"),
        new Region(0x330, 0x4A0, "reserved bytes after the signature")));
    out.add(layoutVersion >= 3 ? new Region(0x18B, 0x1A0, "reserved field at 0x18B")
        : new Region(0x188, 0x1A0, "reserved field at 0x188"));
    out.add(layoutVersion >= 5 ? new Region(0x208, 0x2A0, "reserved field at 0x208")
        : new Region(0x1F8, 0x2A0, "reserved field at 0x1F8"));
    String[] names = {"CURRENT_TCB", "REPORTED_TCB", "COMMITTED_TCB", "LAUNCH_TCB"};
    int[] offsets = {0x038, 0x180, 0x1E0, 0x1F0};
    for (int i = 0; i < 4; i++) {
      int from = layoutVersion < 3 ? 4 : turin ? 4 : 2;
      int to = layoutVersion < 3 ? 6 : turin ? 7 : 6;
      out.add(new Region(offsets[i] + from, offsets[i] + to, names[i] + " reserved byte"));
    }
    return out;
  }

  private static List<Bit> reservedBits(int layoutVersion) {
    List<Bit> out = new ArrayList<>();
    for (int bit = 26; bit < 64; bit++) {
      out.add(new Bit(0x008, bit, "POLICY unknown bit " + bit));
    }
    if (layoutVersion < 5) {
      out.add(new Bit(0x008, 25, "POLICY bit 25 (PAGE_SWAP_DISABLE) is defined only from report version 5"));
    }
    for (int bit = 8; bit < 64; bit++) {
      out.add(new Bit(0x040, bit, "PLATFORM_INFO unknown bit " + bit));
    }
    out.add(new Bit(0x040, 6, "PLATFORM_INFO unknown bit 6"));
    if (layoutVersion < 3) {
      out.add(new Bit(0x040, 5, "PLATFORM_INFO bit 5 (ALIAS_CHECK_COMPLETE) is defined only from report version 3"));
    }
    if (layoutVersion < 5) {
      out.add(new Bit(0x040, 7, "PLATFORM_INFO bit 7 (TIO_EN) is defined only from report version 5"));
    }
    for (int bit = 5; bit < 32; bit++) {
      out.add(new Bit(0x048, bit, "flags at 0x048"));
    }
    for (int bit = 0; bit < 32; bit++) {
      out.add(new Bit(0x034, bit, "SIGNATURE_ALGO"));
    }
    return out;
  }

  /** The vector reports (binary), and each relabelled as version 5. */
  private static List<Sample> samples() throws Exception {
    List<Sample> out = new ArrayList<>();
    for (Vector v : ALL) {
      byte[] report = v.reportBytes();
      out.add(new Sample(v.name(), report));
      byte[] v5 = report.clone();
      v5[0] = 5;
      out.add(new Sample(v.name() + " as v5", v5));
    }
    return out;
  }

  record Sample(String name, byte[] report) {
    int layoutVersion() {
      return ReportStructure.layoutVersion(report[0]);
    }

    boolean turin() {
      return layoutVersion() >= 3 && (report[0x188] & 0xff) == 0x1A;
    }
  }

  private void expectMalformed(Failures failures, String name, byte[] mutated, String field) {
    failures.check(name, () -> {
      try {
        verifier.verify(Evidence.of(Platform.SEV_SNP, mutated), GO_SEV_GUEST.request());
      } catch (MalformedEvidenceException e) {
        if (!e.getMessage().contains(field)) {
          throw new AssertionError("message does not name " + field + ": " + e.getMessage());
        }
        return;
      }
      throw new AssertionError("not rejected as malformed");
    });
  }

  @Test
  void verify_anyReservedBitFlipped_throwsMalformedNamingTheField() throws Exception {
    Failures failures = new Failures();
    for (Sample s : samples()) {
      for (Region r : reservedRegions(s.layoutVersion(), s.turin())) {
        for (int i = r.from(); i < r.to(); i++) {
          for (int bit = 0; bit < 8; bit++) {
            byte[] mutated = s.report().clone();
            mutated[i] ^= (byte) (1 << bit);
            expectMalformed(failures, s.name() + String.format(" 0x%03X bit %d", i, bit), mutated, r.field());
          }
        }
      }
      for (Bit b : reservedBits(s.layoutVersion())) {
        byte[] mutated = s.report().clone();
        mutated[b.offset() + b.bit() / 8] ^= (byte) (1 << (b.bit() % 8));
        expectMalformed(failures, s.name() + " " + b.field(), mutated, b.field());
      }
    }
    failures.assertNone(12 * 3000);
  }

  @Test
  void verify_policyMustBeOneBit17Clear_throwsMalformed() throws Exception {
    Failures failures = new Failures();
    for (Sample s : samples()) {
      byte[] mutated = s.report().clone();
      mutated[0x008 + 2] &= (byte) ~0x02;
      expectMalformed(failures, s.name(), mutated, "POLICY bit 17 (reserved, must be one) is clear");
    }
    failures.assertNone(12);
  }

  @Test
  void verify_reservedSigningKeys_throwMalformed() throws Exception {
    Failures failures = new Failures();
    for (Sample s : samples()) {
      for (int key = 2; key <= 7; key++) {
        byte[] mutated = s.report().clone();
        mutated[0x048] = (byte) ((mutated[0x048] & ~0x1C) | key << 2);
        expectMalformed(failures, s.name() + " SIGNING_KEY " + key, mutated, "SIGNING_KEY " + key);
      }
    }
    failures.assertNone(12 * 6);
  }

  @Test
  void verify_maskChipKeyWithNonZeroChipId_throwsMalformed() throws Exception {
    byte[] mutated = VIRTEE_MILAN.reportBytes();
    mutated[0x048] |= 0x02;
    assertThatThrownBy(() -> SnpReport.parse(mutated))
        .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("CHIP_ID (MASK_CHIP_KEY is set");
  }

  @Test
  void parse_unknownVersions_throwNamingTheVersion() throws Exception {
    Failures failures = new Failures();
    for (int version : new int[] {0, 1, 6, 7, 0x100, -1}) {
      byte[] mutated = VIRTEE_MILAN.reportBytes();
      java.nio.ByteBuffer.wrap(mutated).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, version);
      expectMalformed(failures, "version " + version, mutated,
          "VERSION " + Integer.toUnsignedString(version) + " is not a known report version");
    }
    failures.assertNone(6);
  }

  @Test
  void parse_version4_readWithTheVersion5Layout() throws Exception {
    byte[] report = TRUSTEE_VLEK.reportBytes();
    report[0] = 4;
    report[0x1F8] = 0x11; // LAUNCH_MIT_VECTOR: a field in version 5, reserved before
    assertThat(SnpReport.parse(report).toClaims("Milan-B0", java.util.Optional.empty(), false)
        .launchMitigationVector()).hasValue(0x11);
    report[0] = 3;
    assertThatThrownBy(() -> SnpReport.parse(report)).hasMessageContaining("reserved field at 0x1F8");
  }

  @Test
  void parse_knownBitsOfLaterVersions_acceptedWhereDefined() throws Exception {
    byte[] report = TRUSTEE_VLEK.reportBytes();
    report[0] = 5;
    report[0x008 + 3] |= 0x02; // POLICY bit 25 PAGE_SWAP_DISABLE
    report[0x040] |= (byte) 0x80; // PLATFORM_INFO bit 7 TIO_EN
    SnpReport parsed = SnpReport.parse(report);
    assertThat(ReportStructure.unappraisedBits(parsed.le64(0x008), parsed.le64(0x040)))
        .contains("POLICY.PAGE_SWAP_DISABLE", "PLATFORM_INFO.TIO_EN", "PLATFORM_INFO.ALIAS_CHECK_COMPLETE");
  }

  @Test
  void verify_unmutatedVectors_stillParse() throws Exception {
    for (Sample s : samples()) {
      assertThat(SnpReport.parse(s.report()).version).as(s.name()).isIn(2, 3, 5);
    }
  }

  @Test
  void verify_knownButUnappraisedBits_areNamedInTheFormatCheck() throws Exception {
    var result = verifier.verify(TRUSTEE_VLEK.evidence(), TRUSTEE_VLEK.request());
    assertThat(result.checks()).filteredOn(c -> c.name().equals("snp.format")).singleElement()
        .extracting(dev.castellan.attestation.Check::reason).asString()
        .contains("not appraised: PLATFORM_INFO.ECC_EN, PLATFORM_INFO.ALIAS_CHECK_COMPLETE");
  }
}
