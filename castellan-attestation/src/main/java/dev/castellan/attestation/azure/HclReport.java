package dev.castellan.attestation.azure;

import dev.castellan.attestation.BindingException;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.core.hash.HashAlgorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * An Azure HCL report: a 32-byte header ({@code "HCLA"}, version, size, request type, ...),
 * the hardware report (1184 bytes reserved: an SEV-SNP ATTESTATION_REPORT, or a TDX TDREPORT
 * in its first 1024 bytes), then the IGVM request data: {@code u32 data_size, u32 version,
 * u32 report_type, u32 hash_type, u32 variable_data_size} and the variable data (the runtime
 * claims JSON with the {@code HCLAkPub} attestation key).
 *
 * <p>Parsing authenticates nothing. The hardware report MUST be verified by its platform
 * verifier; {@link #checkReportDataBinding} then ties the runtime claims to it: the hash of
 * the variable data fills the start of REPORT_DATA and the rest is zero.
 */
public final class HclReport {
  static final String CHECK = "azure.hcl";
  static final int HEADER_SIZE = 32;
  static final int HARDWARE_REPORT_SIZE = 1184;
  static final int REQUEST_DATA = HEADER_SIZE + HARDWARE_REPORT_SIZE;
  static final int REQUEST_HEADER_SIZE = 20;
  /** Largest HCL report accepted: the runtime claims are about 1-2 KB; 64 KiB bounds them. */
  public static final int MAX_BYTES = 64 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The hardware report type (IGVM report_type). */
  public enum ReportType {
    SEV_SNP(2),
    TDX(4);

    final int code;

    ReportType(int code) {
      this.code = code;
    }
  }

  private final byte[] bytes;
  private final ReportType type;
  private final HashAlgorithm hash;
  private final int variableDataSize;

  private HclReport(byte[] bytes, ReportType type, HashAlgorithm hash, int variableDataSize) {
    this.bytes = bytes;
    this.type = type;
    this.hash = hash;
    this.variableDataSize = variableDataSize;
  }

  /**
   * Parses an HCL report strictly (declared sizes must agree; trailing bytes after the
   * variable data must be zero padding).
   */
  public static HclReport parse(byte[] input) throws MalformedEvidenceException {
    if (input.length < REQUEST_DATA + REQUEST_HEADER_SIZE || input.length > MAX_BYTES) {
      throw new MalformedEvidenceException(CHECK, "HCL report size out of bounds",
          (REQUEST_DATA + REQUEST_HEADER_SIZE) + ".." + MAX_BYTES, input.length + " bytes");
    }
    byte[] bytes = input.clone();
    if (!Arrays.equals(bytes, 0, 4, "HCLA".getBytes(StandardCharsets.US_ASCII), 0, 4)) {
      throw new MalformedEvidenceException(CHECK, "missing HCLA signature");
    }
    int dataSize = le32(bytes, REQUEST_DATA);
    int typeCode = le32(bytes, REQUEST_DATA + 8);
    int hashCode = le32(bytes, REQUEST_DATA + 12);
    int varSize = le32(bytes, REQUEST_DATA + 16);
    ReportType type = Arrays.stream(ReportType.values()).filter(t -> t.code == typeCode).findFirst()
        .orElseThrow(() -> new MalformedEvidenceException(CHECK, "unknown report type", "2 or 4", Integer.toUnsignedString(typeCode)));
    HashAlgorithm hash = switch (hashCode) {
      case 1 -> HashAlgorithm.SHA_256;
      case 2 -> HashAlgorithm.SHA_384;
      case 3 -> HashAlgorithm.SHA_512;
      default -> throw new MalformedEvidenceException(CHECK, "unknown hash type", "1, 2 or 3", Integer.toUnsignedString(hashCode));
    };
    int available = bytes.length - REQUEST_DATA - REQUEST_HEADER_SIZE;
    if (varSize < 0 || varSize > available || dataSize != REQUEST_HEADER_SIZE + varSize) {
      throw new MalformedEvidenceException(CHECK, "inconsistent variable data size",
          "at most " + available, Integer.toUnsignedString(varSize));
    }
    for (int i = REQUEST_DATA + REQUEST_HEADER_SIZE + varSize; i < bytes.length; i++) {
      if (bytes[i] != 0) {
        throw new MalformedEvidenceException(CHECK, "non-zero bytes after the variable data");
      }
    }
    return new HclReport(bytes, type, hash, varSize);
  }

  public ReportType reportType() {
    return type;
  }

  /** The 1184-byte hardware report area. */
  public byte[] hardwareReport() {
    return Arrays.copyOfRange(bytes, HEADER_SIZE, HEADER_SIZE + HARDWARE_REPORT_SIZE);
  }

  /** The variable data (runtime claims JSON), exactly as hashed. */
  public byte[] variableData() {
    int from = REQUEST_DATA + REQUEST_HEADER_SIZE;
    return Arrays.copyOfRange(bytes, from, from + variableDataSize);
  }

  public HashAlgorithm hashAlgorithm() {
    return hash;
  }

  /**
   * Checks that {@code reportData} (the verified hardware report's REPORT_DATA) starts with
   * the hash of the variable data and is zero after it.
   *
   * @throws BindingException if not
   */
  public Check checkReportDataBinding(ByteString reportData) throws BindingException {
    byte[] digest = hash.hash(variableData());
    byte[] actual = reportData.toByteArray();
    byte[] expected = Arrays.copyOf(digest, actual.length);
    if (actual.length < digest.length || !reportData.equalsBytes(expected)) {
      throw new BindingException("azure.var-data-binding",
          "HCL variable data digest does not match REPORT_DATA", ByteString.of(expected).hex(), reportData.hex());
    }
    return Check.pass("azure.var-data-binding",
        hash.jcaName() + " of the HCL runtime claims equals REPORT_DATA");
  }

  /**
   * The {@code HCLAkPub} RSA key from the runtime claims: the attestation key that signs the
   * vTPM's quotes. Trust it only after the binding check passed.
   */
  public RSAPublicKey attestationKey() throws MalformedEvidenceException {
    JsonNode claims = runtimeClaims();
    JsonNode keys = claims.get("keys");
    if (keys != null && keys.isArray()) {
      for (JsonNode key : keys.values()) {
        if ("HCLAkPub".equals(text(key, "kid")) && "RSA".equals(text(key, "kty"))) {
          try {
            Base64.Decoder url = Base64.getUrlDecoder();
            BigInteger n = new BigInteger(1, url.decode(text(key, "n")));
            BigInteger e = new BigInteger(1, url.decode(text(key, "e")));
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
          } catch (Exception ex) {
            throw new MalformedEvidenceException(CHECK, "HCLAkPub is not a valid RSA JWK");
          }
        }
      }
    }
    throw new MalformedEvidenceException(CHECK, "no HCLAkPub key in the runtime claims");
  }

  /** The runtime claims' {@code user-data} (hex in the JSON), if present. */
  public Optional<ByteString> userData() throws MalformedEvidenceException {
    String hex = text(runtimeClaims(), "user-data");
    if (hex == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(ByteString.fromHex(hex.toLowerCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new MalformedEvidenceException(CHECK, "user-data is not hex");
    }
  }

  /** The runtime claims JSON. */
  public JsonNode runtimeClaims() throws MalformedEvidenceException {
    try {
      JsonNode node = JSON.readTree(variableData());
      if (node == null || !node.isObject()) {
        throw new MalformedEvidenceException(CHECK, "runtime claims are not a JSON object");
      }
      return node;
    } catch (JacksonException e) {
      throw new MalformedEvidenceException(CHECK, "runtime claims are not valid JSON");
    }
  }

  private static String text(JsonNode node, String name) {
    JsonNode v = node.get(name);
    return v != null && v.isString() ? v.stringValue() : null;
  }

  private static int le32(byte[] b, int o) {
    return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16 | (b[o + 3] & 0xff) << 24;
  }
}
