package dev.castellan.attestation.policy;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.NitroClaims;
import dev.castellan.attestation.PolicyException;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Reference values for AWS Nitro Enclaves: allowed values per PCR (48-byte SHA-384). A PCR
 * with a list MUST have one of the listed values; PCRs not listed are not compared.
 *
 * <p>JSON: {@code {"pcrs": {"0": ["<96 hex>", ...], "8": [...]}}}.
 *
 * @param pcrs allowed values per PCR index (0..31)
 */
public record NitroReference(SortedMap<Integer, List<ByteString>> pcrs) {
  public NitroReference {
    TreeMap<Integer, List<ByteString>> copy = new TreeMap<>();
    pcrs.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    pcrs = Collections.unmodifiableSortedMap(copy);
  }

  /** No reference values: nothing compared (recorded as such in the verdict). */
  public static NitroReference any() {
    return new NitroReference(new TreeMap<>());
  }

  static NitroReference fromJson(JsonNode node) throws PolicyException {
    PolicyJson.allowOnly(node, "nitro", "pcrs");
    return new NitroReference(PolicyJson.registerMap(node, "pcrs", 31, 48));
  }

  /**
   * PCR0 (the enclave image) is the measurement: {@code policy.nitro.measurement}, SKIP when
   * not pinned. Every other configured PCR is checked as {@code policy.nitro.pcr.N}.
   */
  public List<Check> appraise(NitroClaims claims) {
    ReferenceChecks out = new ReferenceChecks("nitro")
        .measurement("PCR0", pcrs.getOrDefault(0, List.of()), claims.pcr(0));
    SortedMap<Integer, List<ByteString>> others = new TreeMap<>(pcrs);
    others.remove(0);
    return out.registers("pcr", "PCR", others, claims::pcr).result();
  }
}
