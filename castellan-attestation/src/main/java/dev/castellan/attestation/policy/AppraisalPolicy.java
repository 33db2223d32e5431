package dev.castellan.attestation.policy;

import dev.castellan.attestation.PolicyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * An Appraisal Policy for Evidence (RFC 9334 §8.5): platform-independent rules plus one
 * reference record per platform. Defaults are strict: simulated evidence and debug-mode
 * environments are rejected, SEV-SNP requires VMPL 0 and no provisional firmware, TDX
 * and SGX require TCB status UpToDate. Reference values that are not configured are not compared,
 * and the verdict says so ({@link dev.castellan.attestation.Check.Status#SKIP SKIP}).
 *
 * <p>Skips: a check that was not performed is acceptable only if its name matches one of
 * {@link #acceptSkipped}; any other skip fails the appraisal. The default ({@link
 * #DEFAULT_ACCEPT_SKIPPED}) accepts revocation checks without a CRL, a CHIP_ID the guest
 * masked, and reference values other than the measurement that are not pinned; it refuses a
 * skipped measurement, freshness, signature or chain.
 *
 * <p>JSON ({@link #fromJson}): {@code {"acceptSimulated": false, "allowDebug": false,
 * "acceptSkipped": ["defaults", "policy.*.measurement"], "nitro": {...}, "snp": {...},
 * "tdx": {...}, "tpm": {...}, "sgx": {...}, "gpu": {...}}}; unknown members are errors. In {@code acceptSkipped},
 * {@code *} matches any characters and the word {@code defaults} stands for the default list.
 *
 * @param acceptSimulated accept evidence chaining to a simulated root; default false
 * @param allowDebug accept debug-mode environments; default false
 * @param acceptSkipped name patterns of the checks that may be skipped
 * @param nitro Nitro reference values
 * @param snp SEV-SNP reference values
 * @param tdx TDX reference values
 * @param tpm TPM reference values
 * @param sgx SGX reference values
 * @param gpu NVIDIA GPU reference values
 */
public record AppraisalPolicy(
    boolean acceptSimulated,
    boolean allowDebug,
    List<String> acceptSkipped,
    NitroReference nitro,
    SnpReference snp,
    TdxReference tdx,
    TpmReference tpm,
    SgxReference sgx,
    GpuReference gpu) {
  /** Largest policy file read: 1 MiB, far above any list of reference values. */
  public static final int MAX_JSON_BYTES = 1 << 20;

  /** Revocation without a CRL, a masked CHIP_ID, and unpinned non-measurement values. */
  public static final List<String> DEFAULT_ACCEPT_SKIPPED =
      List.of("*.crl", "snp.chip-id", "policy.*.unpinned");

  /** The launch measurement of every platform; {@code --any-measurement} accepts these skipped. */
  public static final String MEASUREMENT_CHECKS = "policy.*.measurement";

  /** Freshness checks; an explicit {@code Freshness.none()} opt-out accepts these skipped. */
  public static final String FRESHNESS_CHECKS = "*.freshness";

  private static final ObjectMapper JSON = new ObjectMapper();

  public AppraisalPolicy {
    acceptSkipped = List.copyOf(acceptSkipped);
    Objects.requireNonNull(nitro, "nitro");
    Objects.requireNonNull(snp, "snp");
    Objects.requireNonNull(tdx, "tdx");
    Objects.requireNonNull(tpm, "tpm");
    Objects.requireNonNull(sgx, "sgx");
    Objects.requireNonNull(gpu, "gpu");
  }

  /** The strict defaults, with no reference values. */
  public static AppraisalPolicy defaults() {
    return new AppraisalPolicy(
        false, false, DEFAULT_ACCEPT_SKIPPED, NitroReference.any(), SnpReference.any(), TdxReference.any(), TpmReference.any(),
        SgxReference.any(), GpuReference.any());
  }

  public AppraisalPolicy withAcceptSimulated(boolean accept) {
    return new AppraisalPolicy(accept, allowDebug, acceptSkipped, nitro, snp, tdx, tpm, sgx, gpu);
  }

  public AppraisalPolicy withAllowDebug(boolean allow) {
    return new AppraisalPolicy(acceptSimulated, allow, acceptSkipped, nitro, snp, tdx, tpm, sgx, gpu);
  }

  /** This policy, also accepting skipped checks whose names match {@code patterns}. */
  public AppraisalPolicy withAcceptSkipped(String... patterns) {
    List<String> widened = new java.util.ArrayList<>(acceptSkipped);
    for (String pattern : patterns) {
      if (!widened.contains(pattern)) {
        widened.add(pattern);
      }
    }
    return new AppraisalPolicy(acceptSimulated, allowDebug, widened, nitro, snp, tdx, tpm, sgx, gpu);
  }

  /** Whether a skipped check of this name is acceptable. */
  public boolean acceptsSkipped(String checkName) {
    return acceptSkipped.stream().anyMatch(p -> SkipPattern.matches(p, checkName));
  }

  public AppraisalPolicy withNitro(NitroReference reference) {
    return new AppraisalPolicy(acceptSimulated, allowDebug, acceptSkipped, reference, snp, tdx, tpm, sgx, gpu);
  }

  public AppraisalPolicy withSnp(SnpReference reference) {
    return new AppraisalPolicy(acceptSimulated, allowDebug, acceptSkipped, nitro, reference, tdx, tpm, sgx, gpu);
  }

  public AppraisalPolicy withTdx(TdxReference reference) {
    return new AppraisalPolicy(acceptSimulated, allowDebug, acceptSkipped, nitro, snp, reference, tpm, sgx, gpu);
  }

  public AppraisalPolicy withTpm(TpmReference reference) {
    return new AppraisalPolicy(acceptSimulated, allowDebug, acceptSkipped, nitro, snp, tdx, reference, sgx, gpu);
  }

  public AppraisalPolicy withSgx(SgxReference reference) {
    return new AppraisalPolicy(acceptSimulated, allowDebug, acceptSkipped, nitro, snp, tdx, tpm, reference, gpu);
  }

  public AppraisalPolicy withGpu(GpuReference reference) {
    return new AppraisalPolicy(acceptSimulated, allowDebug, acceptSkipped, nitro, snp, tdx, tpm, sgx, reference);
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
    PolicyJson.allowOnly(root, "policy", "acceptSimulated", "allowDebug", "acceptSkipped", "nitro", "snp", "tdx", "tpm", "sgx", "gpu");
    AppraisalPolicy d = defaults();
    return new AppraisalPolicy(
        PolicyJson.bool(root, "acceptSimulated", false),
        PolicyJson.bool(root, "allowDebug", false),
        root.get("acceptSkipped") == null ? d.acceptSkipped() : SkipPattern.list(PolicyJson.strings(root, "acceptSkipped")),
        root.get("nitro") == null ? d.nitro() : NitroReference.fromJson(root.get("nitro")),
        root.get("snp") == null ? d.snp() : SnpReference.fromJson(root.get("snp")),
        root.get("tdx") == null ? d.tdx() : TdxReference.fromJson(root.get("tdx")),
        root.get("tpm") == null ? d.tpm() : TpmReference.fromJson(root.get("tpm")),
        root.get("sgx") == null ? d.sgx() : SgxReference.fromJson(root.get("sgx")),
        root.get("gpu") == null ? d.gpu() : GpuReference.fromJson(root.get("gpu")));
  }

  /** {@link #fromJson} of a file. */
  public static AppraisalPolicy fromFile(Path file) throws PolicyException, IOException {
    if (Files.size(file) > MAX_JSON_BYTES) {
      throw new PolicyException(PolicyJson.CHECK, "policy file too large", MAX_JSON_BYTES + " bytes", null);
    }
    return fromJson(Files.readAllBytes(file));
  }
}
