package dev.castellan.attestation.policy;

import dev.castellan.attestation.PolicyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * An Appraisal Policy for Evidence (RFC 9334 §8.5): platform-independent rules plus one
 * reference record per platform. Defaults are strict: simulated evidence and debug-mode
 * environments are rejected, SEV-SNP requires VMPL 0 and no provisional firmware, TDX
 * requires TCB status UpToDate. Reference values that are not configured are not compared,
 * and the verdict says so for each.
 *
 * <p>JSON ({@link #fromJson}): {@code {"acceptSimulated": false, "allowDebug": false,
 * "nitro": {...}, "snp": {...}, "tdx": {...}, "tpm": {...}}}; unknown members are errors.
 *
 * @param acceptSimulated accept evidence chaining to a simulated root; default false
 * @param allowDebug accept debug-mode environments; default false
 * @param nitro Nitro reference values
 * @param snp SEV-SNP reference values
 * @param tdx TDX reference values
 * @param tpm TPM reference values
 */
public record AppraisalPolicy(
    boolean acceptSimulated,
    boolean allowDebug,
    NitroReference nitro,
    SnpReference snp,
    TdxReference tdx,
    TpmReference tpm) {
  /** Largest policy file read: 1 MiB, far above any list of reference values. */
  public static final int MAX_JSON_BYTES = 1 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  public AppraisalPolicy {
    Objects.requireNonNull(nitro, "nitro");
    Objects.requireNonNull(snp, "snp");
    Objects.requireNonNull(tdx, "tdx");
    Objects.requireNonNull(tpm, "tpm");
  }

  /** The strict defaults, with no reference values. */
  public static AppraisalPolicy defaults() {
    return new AppraisalPolicy(
        false, false, NitroReference.any(), SnpReference.any(), TdxReference.any(), TpmReference.any());
  }

  public AppraisalPolicy withAcceptSimulated(boolean accept) {
    return new AppraisalPolicy(accept, allowDebug, nitro, snp, tdx, tpm);
  }

  public AppraisalPolicy withAllowDebug(boolean allow) {
    return new AppraisalPolicy(acceptSimulated, allow, nitro, snp, tdx, tpm);
  }

  public AppraisalPolicy withNitro(NitroReference reference) {
    return new AppraisalPolicy(acceptSimulated, allowDebug, reference, snp, tdx, tpm);
  }

  public AppraisalPolicy withSnp(SnpReference reference) {
    return new AppraisalPolicy(acceptSimulated, allowDebug, nitro, reference, tdx, tpm);
  }

  public AppraisalPolicy withTdx(TdxReference reference) {
    return new AppraisalPolicy(acceptSimulated, allowDebug, nitro, snp, reference, tpm);
  }

  public AppraisalPolicy withTpm(TpmReference reference) {
    return new AppraisalPolicy(acceptSimulated, allowDebug, nitro, snp, tdx, reference);
  }

  /**
   * Reads a policy from JSON; absent members take the defaults.
   *
   * @throws PolicyException (check {@code policy.json}) if the JSON is invalid
   */
  public static AppraisalPolicy fromJson(byte[] json) throws PolicyException {
    if (json.length > MAX_JSON_BYTES) {
      throw new PolicyException(PolicyJson.CHECK, "policy too large", MAX_JSON_BYTES + " bytes", json.length + " bytes");
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new PolicyException(PolicyJson.CHECK, "policy is not valid JSON");
    }
    if (root == null) {
      throw new PolicyException(PolicyJson.CHECK, "policy is empty");
    }
    PolicyJson.allowOnly(root, "policy", "acceptSimulated", "allowDebug", "nitro", "snp", "tdx", "tpm");
    AppraisalPolicy d = defaults();
    return new AppraisalPolicy(
        PolicyJson.bool(root, "acceptSimulated", false),
        PolicyJson.bool(root, "allowDebug", false),
        root.get("nitro") == null ? d.nitro() : NitroReference.fromJson(root.get("nitro")),
        root.get("snp") == null ? d.snp() : SnpReference.fromJson(root.get("snp")),
        root.get("tdx") == null ? d.tdx() : TdxReference.fromJson(root.get("tdx")),
        root.get("tpm") == null ? d.tpm() : TpmReference.fromJson(root.get("tpm")));
  }

  /** {@link #fromJson} of a file. */
  public static AppraisalPolicy fromFile(Path file) throws PolicyException, IOException {
    if (Files.size(file) > MAX_JSON_BYTES) {
      throw new PolicyException(PolicyJson.CHECK, "policy file too large", MAX_JSON_BYTES + " bytes", null);
    }
    return fromJson(Files.readAllBytes(file));
  }
}
