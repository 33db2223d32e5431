package dev.castellan.attestation.snp;

import static dev.castellan.attestation.snp.ReportLayout.*;

import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.SafeText;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The JSON serde form of SEV-SNP evidence used by Trustee (the virtee {@code sev} crate's
 * {@code AttestationReport} with Serde): {@code {"attestation_report": {...fields, byte
 * arrays as lists of numbers...}, "cert_chain": [{"cert_type": "VCEK", "data": [...DER...]}]}}.
 * The binary report is rebuilt field by field (reserved bytes zero), so the signature
 * verifies only if every signed field was carried exactly.
 */
record TrusteeSnpEvidence(byte[] report, List<byte[]> certificates) {
  static final String CHECK = "snp.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  static boolean looksLikeJson(byte[] bytes) {
    return bytes.length > 0 && bytes[0] == '{';
  }

  static TrusteeSnpEvidence parse(byte[] json) throws MalformedEvidenceException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new MalformedEvidenceException(CHECK, "evidence is not valid JSON");
    }
    if (root == null || !root.isObject() || !(root.get("attestation_report") instanceof JsonNode r) || !r.isObject()) {
      throw new MalformedEvidenceException(CHECK, "no attestation_report object");
    }
    byte[] out = new byte[SIZE];
    Writer w = new Writer(r, out);
    w.u32("version", VERSION);
    w.u32("guest_svn", GUEST_SVN);
    w.u64("policy", POLICY);
    w.bytes("family_id", FAMILY_ID, 16);
    w.bytes("image_id", IMAGE_ID, 16);
    w.u32("vmpl", VMPL);
    w.u32("sig_algo", SIGNATURE_ALGO);
    w.tcb("current_tcb", CURRENT_TCB);
    w.u64("plat_info", PLATFORM_INFO);
    w.u32("key_info", FLAGS);
    w.bytes("report_data", REPORT_DATA, 64);
    w.bytes("measurement", MEASUREMENT, 48);
    w.bytes("host_data", HOST_DATA, 32);
    w.bytes("id_key_digest", ID_KEY_DIGEST, 48);
    w.bytes("author_key_digest", AUTHOR_KEY_DIGEST, 48);
    w.bytes("report_id", REPORT_ID, 32);
    w.bytes("report_id_ma", REPORT_ID_MA, 32);
    w.tcb("reported_tcb", REPORTED_TCB);
    w.optionalByte("cpuid_fam_id", CPUID);
    w.optionalByte("cpuid_mod_id", CPUID + 1);
    w.optionalByte("cpuid_step", CPUID + 2);
    w.bytes("chip_id", CHIP_ID, 64);
    w.tcb("committed_tcb", COMMITTED_TCB);
    w.version("current", CURRENT_VERSION);
    w.version("committed", COMMITTED_VERSION);
    w.tcb("launch_tcb", LAUNCH_TCB);
    w.optionalU64("launch_mit_vector", MIT_VECTORS);
    w.optionalU64("current_mit_vector", MIT_VECTORS + 8);
    JsonNode signature = r.get("signature");
    if (signature == null || !signature.isObject()) {
      throw new MalformedEvidenceException(CHECK, "no signature object");
    }
    new Writer(signature, out).bytes("r", SIGNATURE_R, COMPONENT_SIZE);
    new Writer(signature, out).bytes("s", SIGNATURE_S, COMPONENT_SIZE);

    List<byte[]> certificates = new ArrayList<>();
    JsonNode chain = root.get("cert_chain");
    if (chain != null && chain.isArray()) {
      for (JsonNode entry : chain.values()) {
        if (entry.isObject() && entry.get("data") != null) {
          // The endorsement (VCEK/VLEK) goes first, whatever order the list has.
          JsonNode type = entry.get("cert_type");
          boolean endorsement = type != null && type.isString()
              && (type.stringValue().equals("VCEK") || type.stringValue().equals("VLEK"));
          certificates.add(endorsement ? 0 : certificates.size(), Writer.byteList(entry.get("data"), "cert_chain.data", dev.castellan.attestation.internal.Pkix.MAX_CERTIFICATE_BYTES));
        }
        if (certificates.size() > 4) {
          throw new MalformedEvidenceException(CHECK, "too many certificates in cert_chain");
        }
      }
    }
    return new TrusteeSnpEvidence(out, certificates);
  }

  /** Writes JSON fields into the little-endian report layout. */
  private record Writer(JsonNode node, byte[] out) {
    JsonNode field(String name) throws MalformedEvidenceException {
      JsonNode v = node.get(name);
      if (v == null) {
        throw new MalformedEvidenceException(CHECK, "missing field " + SafeText.escape(name));
      }
      return v;
    }

    long number(JsonNode v, String name, long max) throws MalformedEvidenceException {
      if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0 || Long.compareUnsigned(v.longValue(), max) > 0) {
        throw new MalformedEvidenceException(CHECK, "field " + name + " is not an integer in range");
      }
      return v.longValue();
    }

    void le(long value, int offset, int size) {
      for (int i = 0; i < size; i++) {
        out[offset + i] = (byte) (value >>> (8 * i));
      }
    }

    void u32(String name, int offset) throws MalformedEvidenceException {
      le(number(field(name), name, 0xffffffffL), offset, 4);
    }

    void u64(String name, int offset) throws MalformedEvidenceException {
      le(number(field(name), name, Long.MAX_VALUE), offset, 8);
    }

    void optionalU64(String name, int offset) throws MalformedEvidenceException {
      JsonNode v = node.get(name);
      if (v != null && !v.isNull()) {
        le(number(v, name, Long.MAX_VALUE), offset, 8);
      }
    }

    void optionalByte(String name, int offset) throws MalformedEvidenceException {
      JsonNode v = node.get(name);
      if (v != null && !v.isNull()) {
        out[offset] = (byte) number(v, name, 0xff);
      }
    }

    void bytes(String name, int offset, int length) throws MalformedEvidenceException {
      byte[] value = byteList(field(name), name, length);
      if (value.length != length) {
        throw new MalformedEvidenceException(CHECK, "field " + name + " has the wrong length", length + "", value.length + "");
      }
      System.arraycopy(value, 0, out, offset, length);
    }

    static byte[] byteList(JsonNode v, String name, int max) throws MalformedEvidenceException {
      if (!v.isArray() || v.size() > max) {
        throw new MalformedEvidenceException(CHECK, "field " + name + " is not a byte list");
      }
      byte[] out = new byte[v.size()];
      int i = 0;
      for (JsonNode item : v.values()) {
        if (!item.isIntegralNumber() || !item.canConvertToInt() || item.intValue() < 0 || item.intValue() > 255) {
          throw new MalformedEvidenceException(CHECK, "field " + name + " holds a non-byte");
        }
        out[i++] = (byte) item.intValue();
      }
      return out;
    }

    /** TCB_VERSION: Milan/Genoa {bl, tee, 0, 0, 0, 0, snp, ucode}; Turin (fmc set) {fmc, bl, tee, snp, 0, 0, 0, ucode}. */
    void tcb(String name, int offset) throws MalformedEvidenceException {
      JsonNode t = field(name);
      if (!t.isObject()) {
        throw new MalformedEvidenceException(CHECK, "field " + name + " is not an object");
      }
      Writer w = new Writer(t, out);
      int bl = (int) number(w.field("bootloader"), name, 0xff);
      int tee = (int) number(w.field("tee"), name, 0xff);
      int snp = (int) number(w.field("snp"), name, 0xff);
      int ucode = (int) number(w.field("microcode"), name, 0xff);
      JsonNode fmc = t.get("fmc");
      if (fmc == null || fmc.isNull()) {
        out[offset] = (byte) bl;
        out[offset + 1] = (byte) tee;
        out[offset + 6] = (byte) snp;
      } else {
        out[offset] = (byte) number(fmc, name, 0xff);
        out[offset + 1] = (byte) bl;
        out[offset + 2] = (byte) tee;
        out[offset + 3] = (byte) snp;
      }
      out[offset + 7] = (byte) ucode;
    }

    void version(String name, int offset) throws MalformedEvidenceException {
      JsonNode v = field(name);
      Writer w = new Writer(v, out);
      out[offset] = (byte) number(w.field("build"), name, 0xff);
      out[offset + 1] = (byte) number(w.field("minor"), name, 0xff);
      out[offset + 2] = (byte) number(w.field("major"), name, 0xff);
    }
  }
}
