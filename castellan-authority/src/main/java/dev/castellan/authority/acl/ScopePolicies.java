package dev.castellan.authority.acl;

import dev.castellan.authority.internal.StrictJson;

import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.policy.AppraisalPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The policy of every scope: those listed in the file, and {@link ScopePolicy#defaultFor} for
 * the rest.
 *
 * <p>File ({@link #fromJson}): {@code {"version": 1, "scopes": {"luks:unlock":
 * {"maxLifetimeSeconds": 60, "requireEvidence": true, "appraisalPolicy": {...}}}}}, where
 * {@code appraisalPolicy} is a castellan-attestation appraisal policy as {@link
 * AppraisalPolicy#fromJson} reads it. Per scope every member is optional and defaults as for
 * an unlisted scope; {@code requireEvidence: true} without {@code appraisalPolicy} uses the
 * strict {@link AppraisalPolicy#defaults()}; an {@code appraisalPolicy} with {@code
 * requireEvidence: false} is an error (a policy that would never be applied). Unknown
 * members, duplicate keys, a bad scope name, more than {@value #MAX_SCOPES} scopes and a file
 * over 1 MiB are errors.
 */
public final class ScopePolicies {
  public static final int MAX_SCOPES = 1_000;
  private static final Set<String> MEMBERS = Set.of("maxLifetimeSeconds", "requireEvidence", "appraisalPolicy");

  private final SortedMap<Scope, ScopePolicy> policies;

  private ScopePolicies(SortedMap<Scope, ScopePolicy> policies) {
    this.policies = Collections.unmodifiableSortedMap(policies);
  }

  /** Every scope on its default policy. */
  public static ScopePolicies defaults() {
    return new ScopePolicies(new TreeMap<>());
  }

  public static ScopePolicies of(Map<Scope, ScopePolicy> policies) {
    if (policies.size() > MAX_SCOPES) {
      throw new IllegalArgumentException("at most " + MAX_SCOPES + " scope policies");
    }
    return new ScopePolicies(new TreeMap<>(policies));
  }

  /** The policy of {@code scope}: its own, or the default. */
  public ScopePolicy policyFor(Scope scope) {
    ScopePolicy own = policies.get(scope);
    return own != null ? own : ScopePolicy.defaultFor(scope);
  }

  /** The scopes with a policy of their own. */
  public SortedMap<Scope, ScopePolicy> configured() {
    return policies;
  }

  public static ScopePolicies fromFile(Path file) throws IOException, AclFormatException {
    return fromJson(StrictJson.readFile(file, AclFormatException.MAX_FILE_BYTES, AclFormatException::new));
  }

  public static ScopePolicies fromJson(byte[] json) throws AclFormatException {
    JsonNode root = StrictJson.read(json, AclFormatException.MAX_FILE_BYTES, AclFormatException::new);
    StrictJson.allowOnly(root, "$", Set.of("version", "scopes"), AclFormatException::new);
    StrictJson.requireVersion(root, AclFormatException::new);
    JsonNode scopes = root.get("scopes");
    if (scopes == null || !scopes.isObject()) {
      throw new AclFormatException("scopes", "must be an object of scope to policy");
    }
    if (scopes.size() > MAX_SCOPES) {
      throw new AclFormatException("scopes", "has " + scopes.size() + " scopes; at most " + MAX_SCOPES);
    }
    TreeMap<Scope, ScopePolicy> out = new TreeMap<>();
    for (String name : scopes.propertyNames()) {
      if (!Scope.valid(name)) {
        throw new AclFormatException("scopes", "a scope is resource:action, each 1..32 characters of [a-z0-9_-]");
      }
      Scope scope = Scope.of(name);
      out.put(scope, policy(scope, scopes.get(name), "scopes." + name));
    }
    return new ScopePolicies(out);
  }

  private static ScopePolicy policy(Scope scope, JsonNode node, String where) throws AclFormatException {
    StrictJson.allowOnly(node, where, MEMBERS, AclFormatException::new);
    ScopePolicy dflt = ScopePolicy.defaultFor(scope);
    Duration lifetime = dflt.maxLifetime();
    JsonNode seconds = node.get("maxLifetimeSeconds");
    if (seconds != null) {
      if (!seconds.isIntegralNumber() || !seconds.canConvertToInt()
          || seconds.intValue() < 1 || seconds.intValue() > ScopePolicy.MAX_LIFETIME.toSeconds()) {
        throw new AclFormatException(where + ".maxLifetimeSeconds", "must be an integer 1..300");
      }
      lifetime = Duration.ofSeconds(seconds.intValue());
    }
    JsonNode require = node.get("requireEvidence");
    if (require != null && !require.isBoolean()) {
      throw new AclFormatException(where + ".requireEvidence", "must be true or false");
    }
    boolean required = require == null ? dflt.requiresEvidence() || node.has("appraisalPolicy") : require.booleanValue();
    JsonNode appraisal = node.get("appraisalPolicy");
    if (appraisal != null && !required) {
      throw new AclFormatException(where + ".appraisalPolicy", "given, but requireEvidence is false");
    }
    Optional<AppraisalPolicy> evidence = Optional.empty();
    if (required) {
      evidence = Optional.of(appraisal == null ? AppraisalPolicy.defaults() : appraisalPolicy(appraisal, where));
    }
    return new ScopePolicy(lifetime, evidence);
  }

  private static AppraisalPolicy appraisalPolicy(JsonNode node, String where) throws AclFormatException {
    if (!node.isObject()) {
      throw new AclFormatException(where + ".appraisalPolicy", "must be an appraisal policy object");
    }
    try {
      // Duplicates and size were already checked on the whole file; the attestation module's parser checks the rest.
      return AppraisalPolicy.fromJson(node.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (PolicyException e) {
      throw new AclFormatException(where + ".appraisalPolicy", e.getMessage(), e);
    }
  }
}
