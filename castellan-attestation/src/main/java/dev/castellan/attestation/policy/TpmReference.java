package dev.castellan.attestation.policy;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.TpmClaims;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Reference values for TPM 2.0 quotes (owned by the TPM verifier; may grow).
 *
 * <p>JSON: {@code {"sha256Pcrs": {"0": [hex32...]}, "requireAkCertificate": true}}.
 *
 * @param sha256Pcrs allowed values per PCR index (0..23) of the SHA-256 bank
 * @param requireAkCertificate whether the AK must chain to a pinned root by certificate
 */
public record TpmReference(SortedMap<Integer, List<ByteString>> sha256Pcrs, boolean requireAkCertificate) {
  /** TPM_ALG_SHA256. */
  static final int SHA256_BANK = 0x000b;

  public TpmReference {
    TreeMap<Integer, List<ByteString>> copy = new TreeMap<>();
    sha256Pcrs.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    sha256Pcrs = Collections.unmodifiableSortedMap(copy);
  }

  /** No reference values; an AK certificate is not required. */
  public static TpmReference any() {
    return new TpmReference(new TreeMap<>(), false);
  }

  static TpmReference fromJson(JsonNode node) throws PolicyException {
    PolicyJson.allowOnly(node, "tpm", "sha256Pcrs", "requireAkCertificate");
    return new TpmReference(
        PolicyJson.registerMap(node, "sha256Pcrs", 23, 32),
        PolicyJson.bool(node, "requireAkCertificate", false));
  }

  /** PCR and AK checks. */
  public List<Check> appraise(TpmClaims claims) {
    List<Check> out = new ArrayList<>();
    Map<Integer, ByteString> bank = claims.pcrs().getOrDefault(SHA256_BANK, new TreeMap<>());
    // The pinned PCRs are the measurement: without any, nothing about the boot was compared.
    if (sha256Pcrs.isEmpty()) {
      out.add(Check.skip("policy.tpm.measurement", "no SHA-256 PCR pinned: no reference value configured"));
    } else {
      List<Check> pcrChecks = new ReferenceChecks("tpm")
          .registers("pcr", "SHA-256 PCR", sha256Pcrs, i -> Optional.ofNullable(bank.get(i))).result();
      boolean all = pcrChecks.stream().allMatch(Check::passed);
      out.add(Check.of("policy.tpm.measurement", all, sha256Pcrs.size() + " pinned SHA-256 PCRs "
          + (all ? "all match" : "do not all match") + " (policy.tpm.pcr.N)"));
      out.addAll(pcrChecks);
    }
    if (requireAkCertificate) {
      out.add(
          claims.akCertified()
              ? Check.pass("policy.tpm.ak-certificate", "AK is certified by a pinned root")
              : Check.fail("policy.tpm.ak-certificate", "AK has no certificate chain"));
    }
    return out;
  }
}
