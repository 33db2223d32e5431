package dev.castellan.attestation.snp;

import static dev.castellan.attestation.snp.ReportLayout.*;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.SnpClaims;
import dev.castellan.attestation.SnpClaims.Cpuid;
import dev.castellan.attestation.SnpClaims.Firmware;
import dev.castellan.attestation.SnpClaims.GuestPolicy;
import dev.castellan.attestation.SnpClaims.SigningKey;
import dev.castellan.attestation.SnpClaims.Tcb;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed, not yet authenticated ATTESTATION_REPORT. Parsing is strict: exactly 1184
 * bytes, and every structure rule of {@link ReportStructure} (version, reserved bytes and
 * bits, SIGNATURE_ALGO, SIGNING_KEY) holds. Version 3 adds CPUID at 0x188; version 5 (spec
 * 56860 rev 1.58, and version 4, read with the same layout) adds LAUNCH_MIT_VECTOR and
 * CURRENT_MIT_VECTOR at 0x1F8 and 0x200.
 */
final class SnpReport {
  static final String CHECK = "snp.format";

  /** CPUID family of Turin (Zen 5), whose TCB_VERSION layout puts FMC first. */
  static final int TURIN_FAMILY = 0x1A;

  private final byte[] bytes;
  final int version;
  final SigningKey signingKey;
  final boolean chipIdMasked;
  final Optional<Cpuid> cpuid;

  private SnpReport(byte[] bytes) throws MalformedEvidenceException {
    this.bytes = bytes;
    this.version = le32(VERSION);
    ReportStructure.check(bytes, version);
    int flags = le32(FLAGS);
    this.signingKey = ((flags >>> 2) & 0x7) == 0 ? SigningKey.VCEK : SigningKey.VLEK;
    this.chipIdMasked = (flags & 0x2) != 0;
    this.cpuid = ReportStructure.layoutVersion(version) >= 3
        ? Optional.of(new Cpuid(bytes[CPUID] & 0xff, bytes[CPUID + 1] & 0xff, bytes[CPUID + 2] & 0xff))
        : Optional.empty();
  }

  /**
   * Parses {@code bytes} (copied).
   *
   * @throws MalformedEvidenceException if the report breaks a structure rule of {@link ReportStructure} (versions 2 to 5)
   */
  static SnpReport parse(byte[] bytes) throws MalformedEvidenceException {
    if (bytes.length != SIZE) {
      throw new MalformedEvidenceException(
          CHECK, "wrong report size", SIZE + " bytes", bytes.length + " bytes");
    }
    return new SnpReport(bytes.clone());
  }

  /** The signed region, bytes 0x000-0x29F. */
  byte[] signedRegion() {
    return Arrays.copyOfRange(bytes, 0, SIGNED_END);
  }

  /** The signature as big-endian r||s (48 bytes each), for SHA384withECDSAinP1363Format. */
  byte[] signatureP1363() {
    byte[] out = new byte[2 * SCALAR_SIZE];
    for (int i = 0; i < SCALAR_SIZE; i++) {
      out[SCALAR_SIZE - 1 - i] = bytes[SIGNATURE_R + i];
      out[2 * SCALAR_SIZE - 1 - i] = bytes[SIGNATURE_S + i];
    }
    return out;
  }

  ByteString field(int offset, int length) {
    return ByteString.copyOf(bytes, offset, length);
  }

  ByteString chipId() {
    return field(CHIP_ID, 64);
  }

  ByteString reportData() {
    return field(REPORT_DATA, 64);
  }

  /** Whether TCB_VERSION uses the Turin layout (decided by CPUID family, or product name). */
  boolean turinLayout(String productName) {
    return cpuid.map(c -> c.family() == TURIN_FAMILY).orElse(false)
        || productName.toLowerCase(Locale.ROOT).startsWith("turin");
  }

  Tcb tcb(int offset, boolean turin) {
    long raw = le64(offset);
    int b0 = bytes[offset] & 0xff;
    int b1 = bytes[offset + 1] & 0xff;
    int b2 = bytes[offset + 2] & 0xff;
    int b3 = bytes[offset + 3] & 0xff;
    int b6 = bytes[offset + 6] & 0xff;
    int b7 = bytes[offset + 7] & 0xff;
    return turin ? new Tcb(raw, b1, b2, b3, b7, b0) : new Tcb(raw, b0, b1, b6, b7, -1);
  }

  /**
   * The key a network source needs to fetch this report's VCEK from AMD KDS: {@code (SEV_SNP,
   * "vcek-kds", "<Product>.<REPORTED_TCB hex>.<hwid hex>")}. Present only for report version 3
   * and later (the product comes from CPUID) with an unmasked chip id.
   */
  Optional<dev.castellan.attestation.CollateralKey> kdsVcekKey() {
    if (cpuid.isEmpty() || chipIdMasked) {
      return Optional.empty();
    }
    Cpuid c = cpuid.get();
    String product;
    if (c.family() == TURIN_FAMILY) {
      product = "Turin";
    } else if (c.family() == 0x19 && c.model() <= 0x0F) {
      product = "Milan";
    } else if (c.family() == 0x19 && (c.model() >> 4 == 0x1 || c.model() >> 4 == 0xA)) {
      product = "Genoa";
    } else {
      return Optional.empty();
    }
    String hwid = field(CHIP_ID, product.equals("Turin") ? 8 : 64).hex();
    return Optional.of(new dev.castellan.attestation.CollateralKey(
        dev.castellan.attestation.Platform.SEV_SNP, "vcek-kds",
        product + "." + field(REPORTED_TCB, 8).hex() + "." + hwid));
  }

  Tcb reportedTcb(String productName) {
    return tcb(REPORTED_TCB, turinLayout(productName));
  }

  private Firmware firmware(int offset) {
    return new Firmware(bytes[offset + 2] & 0xff, bytes[offset + 1] & 0xff, bytes[offset] & 0xff);
  }

  SnpClaims toClaims(String productName, Optional<String> cspId, boolean simulated) {
    boolean turin = turinLayout(productName);
    return new SnpClaims(
        version,
        le32(GUEST_SVN),
        new GuestPolicy(le64(POLICY)),
        le32(VMPL),
        signingKey,
        field(MEASUREMENT, 48),
        reportData(),
        field(HOST_DATA, 32),
        field(FAMILY_ID, 16),
        field(IMAGE_ID, 16),
        field(ID_KEY_DIGEST, 48),
        field(AUTHOR_KEY_DIGEST, 48),
        field(REPORT_ID, 32),
        field(REPORT_ID_MA, 32),
        chipId(),
        tcb(CURRENT_TCB, turin),
        tcb(REPORTED_TCB, turin),
        tcb(COMMITTED_TCB, turin),
        tcb(LAUNCH_TCB, turin),
        firmware(CURRENT_VERSION),
        firmware(COMMITTED_VERSION),
        le64(PLATFORM_INFO),
        cpuid,
        ReportStructure.layoutVersion(version) >= 5 ? java.util.OptionalLong.of(le64(MIT_VECTORS)) : java.util.OptionalLong.empty(),
        ReportStructure.layoutVersion(version) >= 5 ? java.util.OptionalLong.of(le64(MIT_VECTORS + 8)) : java.util.OptionalLong.empty(),
        productName,
        cspId,
        simulated);
  }

  int le32(int offset) {
    return (bytes[offset] & 0xff)
        | (bytes[offset + 1] & 0xff) << 8
        | (bytes[offset + 2] & 0xff) << 16
        | (bytes[offset + 3] & 0xff) << 24;
  }

  long le64(int offset) {
    return (le32(offset) & 0xffffffffL) | ((long) le32(offset + 4)) << 32;
  }
}
