package dev.castellan.attestation.policy;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.NitroClaims;
import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.SafeText;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Reference values and limits for AWS Nitro Enclaves attestation documents (AWS, "Verifying
 * the root of trust"; aws-nitro-enclaves-nsm-api, "Attestation Document Specification").
 *
 * <ul>
 *   <li>{@code pcrs}: allowed values per PCR (48-byte SHA-384). PCR0 (the enclave image file)
 *       is the measurement, {@code policy.nitro.measurement}, SKIP when not pinned (refused
 *       by default); PCR1 (kernel and bootstrap), PCR2 (application), PCR3 (parent IAM role),
 *       PCR4 (parent instance id), PCR8 (enclave image signing certificate) and any other
 *       listed PCR is {@code policy.nitro.pcr.N}. Unlisted PCRs are named in {@code
 *       policy.nitro.unpinned}.
 *   <li>{@code moduleId}: a glob the document's {@code module_id} MUST match as a whole
 *       ({@code policy.nitro.module-id}); {@code *} matches any run of characters, every other
 *       character itself. Not a regular expression: matching is linear in the input and cannot
 *       be made to backtrack exponentially.
 *   <li>{@code maxAge}: how long before the verification time the document may have been
 *       signed ({@code policy.nitro.max-age}); default {@link #DEFAULT_MAX_AGE}. The age is
 *       measured against {@link NitroClaims#verifiedAt()}, the {@code VerificationRequest}
 *       time (the CLI's {@code --at}), so an archived document is appraised as of its own
 *       time by verifying at that time. This is the only place the limit lives.
 * </ul>
 *
 * <p>JSON: {@code {"pcrs": {"0": ["<96 hex>", ...], "8": [...]}, "moduleId": "i-*-enc*",
 * "maxAgeSeconds": 300}}.
 *
 * @param pcrs allowed values per PCR index (0..31)
 * @param moduleId the module id glob, if pinned
 * @param maxAge the maximum document age at the verification time
 */
public record NitroReference(
    SortedMap<Integer, List<ByteString>> pcrs, Optional<String> moduleId, Duration maxAge) {
  /** Default maximum document age: five minutes. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

  /** Largest PCR index of the NSM ({@code DescribeNSM.max_pcrs} = 32). */
  public static final int MAX_PCR_INDEX = 31;

  /** PCR length: SHA-384. */
  public static final int PCR_BYTES = 48;

  /** Longest module id glob; real module ids are about 40 characters. */
  public static final int MAX_MODULE_ID_PATTERN = 256;

  /** Largest configurable age: ten years, far beyond any leaf certificate's 3 hours. */
  public static final Duration MAX_MAX_AGE = Duration.ofDays(3660);

  public NitroReference {
    TreeMap<Integer, List<ByteString>> copy = new TreeMap<>();
    pcrs.forEach((k, v) -> {
      if (k < 0 || k > MAX_PCR_INDEX) {
        throw new IllegalArgumentException("Nitro PCR index must be 0.." + MAX_PCR_INDEX + ", got " + k);
      }
      for (ByteString value : v) {
        if (value.length() != PCR_BYTES) {
          throw new IllegalArgumentException("Nitro PCR" + k + " reference value must be " + PCR_BYTES
              + " bytes, got " + value.length());
        }
      }
      copy.put(k, List.copyOf(v));
    });
    pcrs = Collections.unmodifiableSortedMap(copy);
    Objects.requireNonNull(moduleId, "moduleId");
    moduleId.ifPresent(NitroReference::checkPattern);
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative() || maxAge.compareTo(MAX_MAX_AGE) > 0) {
      throw new IllegalArgumentException("Nitro maxAge must be 0.." + MAX_MAX_AGE + ", got " + maxAge);
    }
  }

  /** PCR reference values only, module id not pinned, {@link #DEFAULT_MAX_AGE}. */
  public NitroReference(SortedMap<Integer, List<ByteString>> pcrs) {
    this(pcrs, Optional.empty(), DEFAULT_MAX_AGE);
  }

  /** No reference values (recorded as such in the verdict) and the default maximum age. */
  public static NitroReference any() {
    return new NitroReference(new TreeMap<>());
  }

  /** This reference with PCR {@code index} allowed to take only {@code values} (replacing any). */
  public NitroReference withPcr(int index, List<ByteString> values) {
    TreeMap<Integer, List<ByteString>> next = new TreeMap<>(pcrs);
    next.put(index, values);
    return new NitroReference(next, moduleId, maxAge);
  }

  /** This reference with the module id glob {@code pattern}. */
  public NitroReference withModuleId(String pattern) {
    return new NitroReference(pcrs, Optional.of(pattern), maxAge);
  }

  /** This reference with the maximum document age {@code age}. */
  public NitroReference withMaxAge(Duration age) {
    return new NitroReference(pcrs, moduleId, age);
  }

  static NitroReference fromJson(JsonNode node) throws PolicyException {
    PolicyJson.allowOnly(node, "nitro", "pcrs", "moduleId", "maxAgeSeconds");
    Optional<String> moduleId = Optional.empty();
    JsonNode pattern = node.get("moduleId");
    if (pattern != null) {
      if (!pattern.isString()) {
        throw new PolicyException(PolicyJson.CHECK, "nitro.moduleId must be a string");
      }
      moduleId = Optional.of(pattern.stringValue());
      try {
        checkPattern(moduleId.get());
      } catch (IllegalArgumentException e) {
        throw new PolicyException(PolicyJson.CHECK, "nitro.moduleId is not a module id glob",
            "1.." + MAX_MODULE_ID_PATTERN + " printable ASCII characters", null);
      }
    }
    int seconds = PolicyJson.integer(node, "maxAgeSeconds", (int) DEFAULT_MAX_AGE.toSeconds());
    if (seconds > MAX_MAX_AGE.toSeconds()) {
      throw new PolicyException(PolicyJson.CHECK, "nitro.maxAgeSeconds too large",
          "at most " + MAX_MAX_AGE.toSeconds(), Integer.toString(seconds));
    }
    return new NitroReference(PolicyJson.registerMap(node, "pcrs", MAX_PCR_INDEX, PCR_BYTES), moduleId,
        Duration.ofSeconds(seconds));
  }

  /**
   * PCR0 is the measurement: {@code policy.nitro.measurement}, SKIP when not pinned. Every
   * other configured PCR is {@code policy.nitro.pcr.N}; then {@code policy.nitro.module-id}
   * when pinned and {@code policy.nitro.max-age} always.
   */
  public List<Check> appraise(NitroClaims claims) {
    ReferenceChecks out = new ReferenceChecks("nitro")
        .measurement("PCR0", pcrs.getOrDefault(0, List.of()), claims.pcr(0));
    SortedMap<Integer, List<ByteString>> others = new TreeMap<>(pcrs);
    others.remove(0);
    out.registers("pcr", "PCR", others, claims::pcr);
    if (moduleId.isPresent()) {
      boolean matches = globMatches(moduleId.get(), claims.moduleId());
      out.rule("module-id", matches, "module_id " + SafeText.escape(claims.moduleId())
          + (matches ? " matches " : " does not match ") + SafeText.escape(moduleId.get()));
    } else {
      out.unpinned("module id");
    }
    Duration age = claims.age();
    boolean young = age.compareTo(maxAge) <= 0;
    out.rule("max-age", young, String.format(Locale.ROOT, "document signed %s before the verification time %s; %s %s",
        age.isNegative() ? Duration.ZERO : age, claims.verifiedAt(), young ? "within" : "older than", maxAge));
    return out.result();
  }

  private static void checkPattern(String pattern) {
    if (pattern.isEmpty() || pattern.length() > MAX_MODULE_ID_PATTERN
        || !pattern.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
      throw new IllegalArgumentException("Nitro module id glob must be 1.." + MAX_MODULE_ID_PATTERN
          + " printable ASCII characters without spaces");
    }
  }

  /**
   * Whole-string glob match, {@code *} = any run of characters. Greedy with one backtrack
   * point (the last star): O(pattern × input) in the worst case, no recursion.
   */
  static boolean globMatches(String pattern, String input) {
    int p = 0;
    int i = 0;
    int star = -1;
    int resume = 0;
    while (i < input.length()) {
      if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        resume = i;
      } else if (p < pattern.length() && pattern.charAt(p) == input.charAt(i)) {
        p++;
        i++;
      } else if (star >= 0) {
        p = star + 1;
        i = ++resume;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
