package dev.castellan.keys.broker;

import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.core.hash.HashAlgorithm;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A key's policy (docs/broker.md, "Key policy"): who administers the key, and which evidence
 * may have it released or decrypt with it.
 *
 * <pre>{"version": 1, "admins": ["alice"], "decrypt": &lt;AppraisalPolicy JSON&gt;, "release": &lt;AppraisalPolicy JSON&gt; | null}</pre>
 *
 * <p><b>Admin never includes decrypt.</b> {@code admins} are principals (capability-token
 * subjects); what they may do is {@link AdminAction create, put a policy, delete and lock},
 * nothing else. {@code decrypt} and {@code release} are not grants to principals at all: they
 * are appraisal policies ({@link AppraisalPolicy}: platforms, reference values, TCB, debug,
 * simulated), and the only credential for them is fresh evidence that satisfies one. This is
 * the seed's KMS key policy whose admin statement excludes {@code kms:Decrypt} and {@code
 * kms:CreateGrant}: an administrator can never read the key, and cannot grant it to a
 * principal either, because there is no such grant to make. The one power an administrator
 * keeps over data is changing the appraisal policy, which is public (every change is a log
 * record with the new policy's digest) and ends with {@link AdminAction#LOCK}.
 *
 * <p>Strict: the exact members above, {@code version} 1, 0 to 16 distinct admins of 1 to 128
 * characters {@code [A-Za-z0-9._@:+-]}, no duplicate JSON key, nothing after the value, at most
 * {@value #MAX_BYTES} bytes. {@code "release": null} (or {@code "decrypt": null}) permits that
 * operation to no evidence at all. The {@link #digest()} is SHA-256 of the exact bytes, so a
 * re-formatted file is a different policy.
 */
public final class KeyPolicy {
  /** 64 KiB: two appraisal policies with a few dozen pinned 48-byte registers are ~10 KiB. */
  public static final int MAX_BYTES = 64 * 1024;
  public static final int MAX_ADMINS = 16;
  public static final String CHECK = "broker.policy";

  /** What an administrator may do: exactly these, never decrypt or release. */
  public enum AdminAction {
    CREATE("create"), PUT_POLICY("put-policy"), DELETE("delete"), LOCK("lock");

    private final String wireName;

    AdminAction(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  private static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z0-9._@:+-]{1,128}");
  private static final Set<String> MEMBERS = Set.of("version", "admins", "decrypt", "release");
  private static final JsonMapper STRICT = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private final byte[] bytes;
  private final byte[] digest;
  private final List<String> admins;
  private final Optional<AppraisalPolicy> decrypt;
  private final Optional<AppraisalPolicy> release;

  private KeyPolicy(byte[] bytes, List<String> admins, Optional<AppraisalPolicy> decrypt,
      Optional<AppraisalPolicy> release) {
    this.bytes = bytes;
    this.digest = HashAlgorithm.SHA_256.hash(bytes);
    this.admins = admins;
    this.decrypt = decrypt;
    this.release = release;
  }

  /**
   * Parses a policy strictly.
   *
   * @throws BrokerException ({@value #CHECK}, bad input) naming what is wrong
   */
  public static KeyPolicy parse(byte[] json) throws BrokerException {
    if (json.length == 0 || json.length > MAX_BYTES) {
      throw bad("a key policy is 1 to " + MAX_BYTES + " bytes, got " + json.length);
    }
    JsonNode root;
    try {
      root = STRICT.readTree(json);
    } catch (JacksonException e) {
      throw bad(e.getMessage() != null && e.getMessage().startsWith("Duplicate")
          ? "the key policy has a duplicate JSON key" : "the key policy is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw bad("the key policy must be a JSON object");
    }
    for (String name : root.propertyNames()) {
      if (!MEMBERS.contains(name)) {
        throw bad("unknown member in the key policy (allowed: version, admins, decrypt, release)");
      }
    }
    for (String name : MEMBERS) {
      if (root.get(name) == null) {
        throw bad("the key policy lacks '" + name + "'");
      }
    }
    JsonNode version = root.get("version");
    if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() != 1) {
      throw bad("the key policy's version must be 1");
    }
    return new KeyPolicy(json.clone(), admins(root.get("admins")), appraisal(root, "decrypt"), appraisal(root, "release"));
  }

  private static List<String> admins(JsonNode node) throws BrokerException {
    if (!node.isArray() || node.size() > MAX_ADMINS) {
      throw bad("'admins' must be an array of at most " + MAX_ADMINS + " principals");
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode item : node.values()) {
      if (!item.isString() || !PRINCIPAL.matcher(item.asString()).matches()) {
        throw bad("each admin is 1 to 128 characters of [A-Za-z0-9._@:+-]");
      }
      if (!out.add(item.asString())) {
        throw bad("an admin is listed twice");
      }
    }
    return List.copyOf(new ArrayList<>(out));
  }

  private static Optional<AppraisalPolicy> appraisal(JsonNode root, String name) throws BrokerException {
    JsonNode node = root.get(name);
    if (node.isNull()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      throw bad("'" + name + "' must be an appraisal policy object or null");
    }
    try {
      return Optional.of(AppraisalPolicy.fromJson(STRICT.writeValueAsBytes(node)));
    } catch (PolicyException | IllegalArgumentException e) {
      throw bad("'" + name + "' is not a valid appraisal policy: " + e.getMessage());
    }
  }

  private static BrokerException bad(String message) {
    return new BrokerException(BrokerException.Kind.BAD_INPUT, CHECK, message);
  }

  /** The exact bytes the policy was parsed from. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** SHA-256 of {@link #bytes()} (32 bytes). */
  public byte[] digest() {
    return digest.clone();
  }

  public List<String> admins() {
    return admins;
  }

  /** Whether {@code principal} may perform {@link AdminAction}s on the key (and nothing else). */
  public boolean administeredBy(String principal) {
    return admins.contains(principal);
  }

  /** The appraisal policy evidence must satisfy to decrypt; empty: nobody may. */
  public Optional<AppraisalPolicy> decrypt() {
    return decrypt;
  }

  /** The appraisal policy evidence must satisfy to have the key released; empty: nobody may. */
  public Optional<AppraisalPolicy> release() {
    return release;
  }
}
