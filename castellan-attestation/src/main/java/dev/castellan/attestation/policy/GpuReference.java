package dev.castellan.attestation.policy;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.GpuClaims;
import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.SafeText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Reference values for NVIDIA Hopper GPU reports ({@link GpuClaims}).
 *
 * <ul>
 *   <li>{@code measurements}: allowed 48-byte digests per measurement block index (1..254).
 *       Each pinned index is {@code policy.gpu.block.<index>}; together they are the
 *       measurement, {@code policy.gpu.measurement}, which is SKIP (refused by default) when
 *       no index is pinned. A pinned index the report lacks fails.
 *   <li>{@code driverVersions}: the allowed driver versions ({@code policy.gpu.driver-version}).
 *   <li>{@code vbiosVersions}: the allowed VBIOS versions in NVIDIA's dotted form ({@code
 *       policy.gpu.vbios-version}).
 * </ul>
 *
 * <p>JSON: {@code {"measurements": {"2": ["<96 hex>"]}, "driverVersions": ["550.90.07"],
 * "vbiosVersions": ["96.00.9f.00.01"]}}.
 *
 * @param measurements allowed digests per block index
 * @param driverVersions allowed driver versions; empty: not pinned
 * @param vbiosVersions allowed VBIOS versions; empty: not pinned
 */
public record GpuReference(
    SortedMap<Integer, List<ByteString>> measurements, List<String> driverVersions, List<String> vbiosVersions) {
  /** Largest measurement block index (0 and 255 are reserved by SPDM). */
  public static final int MAX_INDEX = 254;

  /** SHA-384 digests. */
  public static final int DIGEST_SIZE = 48;

  public GpuReference {
    TreeMap<Integer, List<ByteString>> copy = new TreeMap<>();
    measurements.forEach((index, allowed) -> {
      if (index < 1 || index > MAX_INDEX) {
        throw new IllegalArgumentException("GPU measurement index must be 1.." + MAX_INDEX + ", got " + index);
      }
      for (ByteString value : allowed) {
        if (value.length() != DIGEST_SIZE) {
          throw new IllegalArgumentException("a GPU measurement is " + DIGEST_SIZE + " bytes, got " + value.length());
        }
      }
      copy.put(index, List.copyOf(allowed));
    });
    measurements = Collections.unmodifiableSortedMap(copy);
    driverVersions = List.copyOf(driverVersions);
    vbiosVersions = List.copyOf(vbiosVersions);
  }

  /** No reference values. */
  public static GpuReference any() {
    return new GpuReference(new TreeMap<>(), List.of(), List.of());
  }

  /** This reference with block {@code index} allowed only {@code values} (replacing any). */
  public GpuReference withMeasurement(int index, List<ByteString> values) {
    TreeMap<Integer, List<ByteString>> next = new TreeMap<>(measurements);
    next.put(index, values);
    return new GpuReference(next, driverVersions, vbiosVersions);
  }

  public GpuReference withDriverVersions(List<String> versions) {
    return new GpuReference(measurements, versions, vbiosVersions);
  }

  public GpuReference withVbiosVersions(List<String> versions) {
    return new GpuReference(measurements, driverVersions, versions);
  }

  static GpuReference fromJson(JsonNode node) throws PolicyException {
    PolicyJson.allowOnly(node, "gpu", "measurements", "driverVersions", "vbiosVersions");
    SortedMap<Integer, List<ByteString>> measurements =
        PolicyJson.registerMap(node, "measurements", MAX_INDEX, DIGEST_SIZE);
    if (measurements.containsKey(0)) {
      throw new PolicyException(PolicyJson.CHECK, "measurements index out of range", "1.." + MAX_INDEX, "0");
    }
    return new GpuReference(measurements, PolicyJson.strings(node, "driverVersions"),
        PolicyJson.strings(node, "vbiosVersions"));
  }

  /** The measurement, one check per pinned block, the versions, then the unpinned SKIP. */
  public List<Check> appraise(GpuClaims claims) {
    ReferenceChecks blocks = new ReferenceChecks("gpu");
    if (measurements.isEmpty()) {
      blocks.unpinned("GPU measurement blocks");
    } else {
      blocks.registers("block", "GPU measurement block ", measurements, claims::measurement);
    }
    version(blocks, "driver-version", "driver version", driverVersions, claims.opaque().driverVersion());
    version(blocks, "vbios-version", "VBIOS version", vbiosVersions, claims.opaque().vbiosVersion());
    List<Check> checks = blocks.result();
    List<Check> out = new ArrayList<>();
    if (measurements.isEmpty()) {
      out.add(Check.skip("policy.gpu.measurement", "no GPU measurement block pinned: no reference value configured"));
    } else {
      int pinned = measurements.size();
      boolean all = checks.stream().filter(c -> c.name().startsWith("policy.gpu.block.")).allMatch(Check::passed);
      out.add(Check.of("policy.gpu.measurement", all, pinned + " pinned measurement block" + (pinned == 1 ? " " : "s ")
          + (all ? "all match" : "do not all match") + " (policy.gpu.block.<index>)"));
    }
    out.addAll(checks);
    return out;
  }

  private static void version(ReferenceChecks checks, String check, String what, List<String> allowed, String actual) {
    if (allowed.isEmpty()) {
      checks.unpinned(what);
      return;
    }
    boolean ok = allowed.contains(actual);
    checks.rule(check, ok, ok ? what + " " + SafeText.escape(actual) + " matches a reference value"
        : what + " " + SafeText.escape(actual) + " is not one of " + allowed.size() + " reference value"
            + (allowed.size() == 1 ? "" : "s"));
  }
}
