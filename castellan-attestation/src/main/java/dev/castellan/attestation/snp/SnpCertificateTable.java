package dev.castellan.attestation.snp;

import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.Platform;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The certificate table the host attaches to an extended SEV-SNP report (GHCB specification
 * §4.1.8.1, {@code SNP_GET_EXT_REPORT}; configfs-tsm {@code auxblob}): entries of {@code
 * {GUID, u32 offset, u32 length}} terminated by an all-zero entry, each pointing at a DER
 * certificate in the same buffer.
 *
 * <p>Contract: parsing is bounded and strict (offsets and lengths inside the buffer, at most
 * {@link #MAX_ENTRIES} entries, a terminator present); certificates are not authenticated
 * here: {@link SnpVerifier} validates whatever it uses. Unknown GUIDs are skipped. GUIDs are
 * read in RFC 4122 byte order (as AMD's tools write them) and, for tolerance of other
 * writers, in the mixed-endian EFI order.
 */
public final class SnpCertificateTable {
  /** At most a handful of certificates (VCEK or VLEK, ASK, ARK, CRL); 16 is generous. */
  public static final int MAX_ENTRIES = 16;

  /** Largest table read: four certificates of about 2 KB; the kernel caps auxblob too. */
  public static final int MAX_BYTES = 64 * 1024;

  private static final int ENTRY_SIZE = 24;

  /** The certificate kinds the table can carry. */
  public enum Kind {
    VCEK("63da758d-e664-4564-adc5-f4b93be8accd"),
    VLEK("a8074bc2-a25a-483e-aae6-39c045a0b8a1"),
    ASK("4ab7b379-bbac-4fe4-a02f-05aef327c782"),
    ARK("c0b406a4-a803-4952-9743-3fb6014cd0ae");

    private final byte[] guid;
    private final byte[] guidMixedEndian;

    Kind(String text) {
      guid = HexFormat.of().parseHex(text.replace("-", ""));
      guidMixedEndian = guid.clone();
      reverse(guidMixedEndian, 0, 4);
      reverse(guidMixedEndian, 4, 2);
      reverse(guidMixedEndian, 6, 2);
    }

    private static void reverse(byte[] b, int from, int length) {
      for (int i = 0; i < length / 2; i++) {
        byte t = b[from + i];
        b[from + i] = b[from + length - 1 - i];
        b[from + length - 1 - i] = t;
      }
    }

    /** The GUID in RFC 4122 byte order. */
    public byte[] guid() {
      return guid.clone();
    }

    boolean matches(byte[] table, int offset) {
      return java.util.Arrays.equals(table, offset, offset + 16, guid, 0, 16)
          || java.util.Arrays.equals(table, offset, offset + 16, guidMixedEndian, 0, 16);
    }
  }

  private final Map<Kind, byte[]> certificates;

  private SnpCertificateTable(Map<Kind, byte[]> certificates) {
    this.certificates = certificates;
  }

  /**
   * Parses a certificate table.
   *
   * @throws MalformedEvidenceException if it is malformed
   */
  public static SnpCertificateTable parse(byte[] table) throws MalformedEvidenceException {
    if (table.length > MAX_BYTES) {
      throw new MalformedEvidenceException("snp.cert-table", "certificate table too large", MAX_BYTES + " bytes", table.length + " bytes");
    }
    Map<Kind, byte[]> out = new EnumMap<>(Kind.class);
    for (int entry = 0; ; entry++) {
      int at = entry * ENTRY_SIZE;
      if (entry > MAX_ENTRIES || at + ENTRY_SIZE > table.length) {
        throw new MalformedEvidenceException("snp.cert-table", "certificate table has no terminator within bounds");
      }
      int offset = le32(table, at + 16);
      int length = le32(table, at + 20);
      boolean zeroGuid = true;
      for (int i = 0; i < 16; i++) {
        zeroGuid &= table[at + i] == 0;
      }
      if (zeroGuid) {
        return new SnpCertificateTable(out);
      }
      if (offset < 0 || length <= 0 || (long) offset + length > table.length) {
        throw new MalformedEvidenceException("snp.cert-table", "certificate entry outside the table");
      }
      for (Kind kind : Kind.values()) {
        if (kind.matches(table, at)) {
          if (out.putIfAbsent(kind, java.util.Arrays.copyOfRange(table, offset, offset + length)) != null) {
            throw new MalformedEvidenceException("snp.cert-table", "duplicate " + kind + " entry");
          }
        }
      }
    }
  }

  /** The DER certificate of {@code kind}, if the table has one. */
  public Optional<byte[]> certificate(Kind kind) {
    return Optional.ofNullable(certificates.get(kind)).map(byte[]::clone);
  }

  /**
   * The table as verifier collateral: the VCEK (or VLEK) followed by the ASK and ARK, as one
   * PEM chain under {@code (SEV_SNP, "vcek" | "vlek", "")}.
   */
  public CollateralSource toCollateral() {
    return CollateralSource.of(entries());
  }

  /** The items of {@link #toCollateral()}, each under its key. */
  public Map<dev.castellan.attestation.CollateralKey, byte[]> entries() {
    Map<dev.castellan.attestation.CollateralKey, byte[]> entries = new java.util.HashMap<>();
    for (Kind leaf : new Kind[] {Kind.VCEK, Kind.VLEK}) {
      if (certificates.containsKey(leaf)) {
        StringBuilder pem = new StringBuilder();
        for (Kind kind : new Kind[] {leaf, Kind.ASK, Kind.ARK}) {
          byte[] der = certificates.get(kind);
          if (der != null) {
            pem.append("-----BEGIN CERTIFICATE-----\n")
                .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der))
                .append("\n-----END CERTIFICATE-----\n");
          }
        }
        entries.put(dev.castellan.attestation.CollateralKey.of(Platform.SEV_SNP, leaf.name().toLowerCase(java.util.Locale.ROOT)),
            pem.toString().getBytes(StandardCharsets.US_ASCII));
      }
    }
    return entries;
  }

  private static int le32(byte[] b, int o) {
    return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16 | (b[o + 3] & 0xff) << 24;
  }
}
