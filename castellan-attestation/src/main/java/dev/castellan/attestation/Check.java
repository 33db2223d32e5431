package dev.castellan.attestation;

import java.util.Objects;

/**
 * One check performed by a verifier or an appraisal, with its outcome and a reason a person
 * can read. Names are stable, dotted and lower-case ({@code snp.signature},
 * {@code nitro.chain}, {@code policy.snp.measurement}) so that tools can match on them.
 *
 * @param name stable check name
 * @param passed whether the check passed
 * @param reason why it passed or failed; MUST NOT contain unescaped attacker bytes (use
 *     {@link SafeText})
 */
public record Check(String name, boolean passed, String reason) {
  public Check {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
  }

  public static Check pass(String name, String reason) {
    return new Check(name, true, reason);
  }

  public static Check fail(String name, String reason) {
    return new Check(name, false, reason);
  }
}
