package dev.castellan.attestation;

import java.util.Base64;

/**
 * Recognises evidence formats and decodes the textual forms evidence travels in, for tools
 * (such as a command line) that are handed a file without being told what it is.
 *
 * <p>Detection looks only at fixed headers; it authenticates nothing. A verifier MUST still
 * parse strictly.
 */
public final class EvidenceFormat {
  /** Size of an SEV-SNP ATTESTATION_REPORT (AMD spec 56860, Table 22). */
  public static final int SNP_REPORT_SIZE = 1184;

  private EvidenceFormat() {}

  /**
   * The platform whose format {@code bytes} has:
   *
   * <ul>
   *   <li>Nitro: a COSE_Sign1 array (optionally CBOR tag 18) whose protected header is
   *       {@code {1: -35}} (bytes {@code 84 44 a1 01 38 22});
   *   <li>SEV-SNP: exactly 1184 bytes with a little-endian version 2..5 at offset 0;
   *   <li>TDX: a quote header with version 4 or 5, attestation key type 2 (ECDSA P-256) and
   *       TEE type 0x81;
   *   <li>SGX: a quote header with version 3, attestation key type 2 (ECDSA P-256) and TEE
   *       type 0;
   *   <li>SEV-SNP also: an Azure HCL report ({@code "HCLA"}, report type 2) and Trustee's
   *       JSON form (an object with {@code "attestation_report"});
   *   <li>TPM: a TPMS_ATTEST starting with TPM_GENERATED_VALUE {@code ff 54 43 47};
   *   <li>GPU: an SPDM 1.1 GET_MEASUREMENTS request ({@code 11 e0}) whose 37 bytes are
   *       followed by a MEASUREMENTS response ({@code 11 60}).
   * </ul>
   *
   * @throws MalformedEvidenceException if none matches
   */
  public static Platform detect(byte[] bytes) throws MalformedEvidenceException {
    if (isNitro(bytes, 0) || (bytes.length > 2 && (bytes[0] & 0xff) == 0xd2 && isNitro(bytes, 1))) {
      return Platform.NITRO;
    }
    if (bytes.length == SNP_REPORT_SIZE) {
      int version = le32(bytes, 0);
      if (version >= 2 && version <= 5) {
        return Platform.SEV_SNP;
      }
    }
    if (bytes.length >= 48) {
      int version = (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8;
      int keyType = (bytes[2] & 0xff) | (bytes[3] & 0xff) << 8;
      if ((version == 4 || version == 5) && keyType == 2 && le32(bytes, 4) == 0x81) {
        return Platform.TDX;
      }
      if (version == 3 && keyType == 2 && le32(bytes, 4) == 0) {
        return Platform.SGX;
      }
    }
    if (bytes.length >= 1240 && bytes[0] == 'H' && bytes[1] == 'C' && bytes[2] == 'L' && bytes[3] == 'A'
        && le32(bytes, 1224) == 2) {
      return Platform.SEV_SNP; // Azure HCL report holding an SEV-SNP report
    }
    if (bytes.length > 0 && bytes[0] == '{' && containsAscii(bytes, "\"attestation_report\"")) {
      return Platform.SEV_SNP; // Trustee's JSON serde form
    }
    if (bytes.length >= 4
        && (bytes[0] & 0xff) == 0xff
        && bytes[1] == 'T'
        && bytes[2] == 'C'
        && bytes[3] == 'G') {
      return Platform.TPM;
    }
    if (bytes.length > 38 && bytes[0] == 0x11 && (bytes[1] & 0xff) == 0xe0 && bytes[37] == 0x11
        && bytes[38] == 0x60) {
      return Platform.GPU;
    }
    throw new MalformedEvidenceException(
        "evidence.format", "unrecognised evidence format (" + bytes.length + " bytes)");
  }

  /**
   * Decodes evidence given as hex text (with or without a leading {@code 0x}), base64 text
   * (standard or URL alphabet, padded or not), or binary. Text is recognised only when every
   * byte is in the encoding's alphabet (ASCII whitespace is ignored); anything else is
   * returned as binary, unchanged. A leading {@code 0x} or {@code 0X} followed by an even
   * number of hex digits is hex: without this rule its {@code x} would make the text base64.
   *
   * @throws MalformedEvidenceException if the input is larger than {@link Evidence#MAX_BYTES}
   *     times two (the hex expansion)
   */
  public static byte[] decodeText(byte[] input) throws MalformedEvidenceException {
    if (input.length > 2L * Evidence.MAX_BYTES + 4096) {
      throw new MalformedEvidenceException(
          "evidence.size", "encoded evidence too large", null, input.length + " bytes");
    }
    StringBuilder text = new StringBuilder(input.length);
    boolean hex = true;
    boolean base64 = true;
    for (byte b : input) {
      char c = (char) (b & 0xff);
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        continue;
      }
      boolean hexDigit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      boolean base64Char =
          (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
              || c == '+' || c == '/' || c == '-' || c == '_' || c == '=';
      hex &= hexDigit;
      base64 &= base64Char;
      if (!hex && !base64) {
        return input.clone();
      }
      text.append(c);
    }
    if (text.isEmpty()) {
      return input.clone();
    }
    if (text.length() > 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X')
        && text.length() % 2 == 0 && isHex(text, 2)) {
      return java.util.HexFormat.of().parseHex(text, 2, text.length());
    }
    if (hex && text.length() % 2 == 0) {
      return java.util.HexFormat.of().parseHex(text);
    }
    if (base64) {
      // Java's basic decoder accepts missing padding; the URL alphabet is mapped first.
      String s = text.toString().replace('-', '+').replace('_', '/');
      try {
        return Base64.getDecoder().decode(s);
      } catch (IllegalArgumentException e) {
        throw new MalformedEvidenceException("evidence.encoding", "invalid base64 text");
      }
    }
    return input.clone();
  }

  private static boolean isHex(CharSequence text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsAscii(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + n.length <= haystack.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean isNitro(byte[] b, int o) {
    return b.length >= o + 6
        && (b[o] & 0xff) == 0x84
        && (b[o + 1] & 0xff) == 0x44
        && (b[o + 2] & 0xff) == 0xa1
        && (b[o + 3] & 0xff) == 0x01
        && (b[o + 4] & 0xff) == 0x38
        && (b[o + 5] & 0xff) == 0x22;
  }

  private static int le32(byte[] b, int o) {
    return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16 | (b[o + 3] & 0xff) << 24;
  }
}
