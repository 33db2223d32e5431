package dev.castellan.attestation.gpu;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.GpuClaims;
import dev.castellan.attestation.MalformedEvidenceException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The NVIDIA opaque data of a MEASUREMENTS response: items of type (u16), size (u16) and
 * {@code size} bytes, packed with no padding, filling the field exactly. Known types are
 * 1..25 and 32..36; an unknown or repeated type is refused, and so is a report without the
 * driver version (3) or the VBIOS version (6). Items with a fixed layout must have it.
 */
final class OpaqueData {
  static final int DRIVER_VERSION = 3;
  static final int GPU_INFO = 4;
  static final int VBIOS_VERSION = 6;
  static final int NVDEC0_STATUS = 11;
  static final int MEASUREMENT_COUNT = 12;
  static final int CPR_INFO = 13;
  static final int BOARD_ID = 14;
  static final int CHIP_SKU = 15;
  static final int CHIP_SKU_MOD = 16;
  static final int PROJECT = 17;
  static final int PROJECT_SKU = 18;
  static final int PROJECT_SKU_MOD = 19;
  static final int FWID = 20;
  static final int PROTECTED_PCIE_STATUS = 21;
  static final int OPAQUE_DATA_VERSION = 34;
  static final int FEATURE_FLAG = 36;

  private OpaqueData() {}

  static boolean known(int type) {
    return (type >= 1 && type <= 25) || (type >= 32 && type <= 36);
  }

  static GpuClaims.Opaque read(SpdmReader in) throws MalformedEvidenceException {
    Map<Integer, byte[]> items = new HashMap<>();
    while (in.remaining() > 0) {
      int type = in.u16("opaque item type");
      int size = in.u16("opaque item size");
      if (!known(type)) {
        throw new MalformedEvidenceException(SpdmReader.CHECK, "unknown opaque data type", "1..25 or 32..36",
            Integer.toString(type));
      }
      byte[] value = in.bytes(size, "opaque item " + type);
      if (items.putIfAbsent(type, value) != null) {
        throw new MalformedEvidenceException(SpdmReader.CHECK, "opaque data type " + type + " appears twice");
      }
    }
    byte[] driver = required(items, DRIVER_VERSION, "driver version");
    byte[] vbios = required(items, VBIOS_VERSION, "VBIOS version");
    TreeMap<Integer, Long> counts = new TreeMap<>();
    byte[] countBytes = items.remove(MEASUREMENT_COUNT);
    if (countBytes != null) {
      if (countBytes.length % 4 != 0) {
        throw new MalformedEvidenceException(SpdmReader.CHECK, "opaque measurement count is not a list of u32",
            "a multiple of 4 bytes", countBytes.length + " bytes");
      }
      for (int i = 0; i < countBytes.length / 4; i++) {
        int o = 4 * i;
        long value = (countBytes[o] & 0xffL) | (countBytes[o + 1] & 0xffL) << 8 | (countBytes[o + 2] & 0xffL) << 16
            | (countBytes[o + 3] & 0xffL) << 24;
        counts.put(i + 1, value);
      }
    }
    String driverVersion = text(driver, "driver version");
    String vbiosVersion = vbios(vbios);
    Optional<ByteString> fwid = sized(items.remove(FWID), MeasurementBlock.DIGEST_SIZE, "FWID");
    Optional<ByteString> gpuInfo = bytes(items.remove(GPU_INFO));
    Optional<ByteString> boardId = bytes(items.remove(BOARD_ID));
    Optional<String> chipSku = optionalText(items.remove(CHIP_SKU), "chip SKU");
    Optional<String> chipSkuMod = optionalText(items.remove(CHIP_SKU_MOD), "chip SKU mod");
    Optional<String> project = optionalText(items.remove(PROJECT), "project");
    Optional<String> projectSku = optionalText(items.remove(PROJECT_SKU), "project SKU");
    Optional<ByteString> projectSkuMod = bytes(items.remove(PROJECT_SKU_MOD));
    Optional<ByteString> cprInfo = bytes(items.remove(CPR_INFO));
    OptionalInt nvdec0 = singleByte(items.remove(NVDEC0_STATUS), "NVDEC0 status");
    OptionalInt pcie = singleByte(items.remove(PROTECTED_PCIE_STATUS), "protected PCIe status");
    OptionalInt version = u16(items.remove(OPAQUE_DATA_VERSION), "opaque data version");
    OptionalInt featureFlag = u16(items.remove(FEATURE_FLAG), "feature flag");
    TreeMap<Integer, ByteString> other = new TreeMap<>();
    items.forEach((type, value) -> other.put(type, ByteString.of(value)));
    return new GpuClaims.Opaque(driverVersion, vbiosVersion, fwid, gpuInfo, boardId, chipSku, chipSkuMod, project,
        projectSku, projectSkuMod, counts, cprInfo, nvdec0, pcie, version, featureFlag, other);
  }

  private static byte[] required(Map<Integer, byte[]> items, int type, String what) throws MalformedEvidenceException {
    byte[] value = items.remove(type);
    if (value == null) {
      throw new MalformedEvidenceException(SpdmReader.CHECK, "opaque data has no " + what + " (type " + type + ")");
    }
    return value;
  }

  /**
   * NVIDIA's VBIOS version form: the first four bytes in reverse order, then the fifth, as
   * dotted hex ({@code 00 9f 00 96 01 ..} is {@code 96.00.9f.00.01}). Hopper's item is 8
   * bytes; the last three are not part of the version.
   */
  static String vbios(byte[] value) throws MalformedEvidenceException {
    if (value.length != 8) {
      throw new MalformedEvidenceException(SpdmReader.CHECK, "opaque VBIOS version has the wrong size", "8 bytes",
          value.length + " bytes");
    }
    return String.format(Locale.ROOT, "%02x.%02x.%02x.%02x.%02x", value[3] & 0xff, value[2] & 0xff, value[1] & 0xff,
        value[0] & 0xff, value[4] & 0xff);
  }

  /** Printable ASCII followed by NUL padding; anything else is refused (claims are printed). */
  static String text(byte[] value, String what) throws MalformedEvidenceException {
    int length = value.length;
    while (length > 0 && value[length - 1] == 0) {
      length--;
    }
    for (int i = 0; i < length; i++) {
      if (value[i] < 0x20 || value[i] > 0x7e) {
        throw new MalformedEvidenceException(SpdmReader.CHECK, "opaque " + what + " is not printable ASCII");
      }
    }
    return new String(value, 0, length, StandardCharsets.US_ASCII);
  }

  private static Optional<String> optionalText(byte[] value, String what) throws MalformedEvidenceException {
    return value == null ? Optional.empty() : Optional.of(text(value, what));
  }

  private static Optional<ByteString> bytes(byte[] value) {
    return value == null ? Optional.empty() : Optional.of(ByteString.of(value));
  }

  private static Optional<ByteString> sized(byte[] value, int size, String what) throws MalformedEvidenceException {
    if (value != null && value.length != size) {
      throw new MalformedEvidenceException(SpdmReader.CHECK, "opaque " + what + " has the wrong size", size + " bytes",
          value.length + " bytes");
    }
    return bytes(value);
  }

  private static OptionalInt singleByte(byte[] value, String what) throws MalformedEvidenceException {
    if (value == null) {
      return OptionalInt.empty();
    }
    sized(value, 1, what);
    return OptionalInt.of(value[0] & 0xff);
  }

  private static OptionalInt u16(byte[] value, String what) throws MalformedEvidenceException {
    if (value == null) {
      return OptionalInt.empty();
    }
    sized(value, 2, what);
    return OptionalInt.of((value[0] & 0xff) | (value[1] & 0xff) << 8);
  }
}
