package dev.castellan.client;

import dev.castellan.attestation.Check;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of verifying an oracle: every check in the order performed, with its reason.
 * The oracle is trusted only if {@link #passed()}; a check that could not run (because an
 * earlier one failed) is listed as failed, never omitted.
 *
 * @param url the oracle's base URL
 * @param checks every check performed
 * @param signingPublicKey the verified signing key (hex, compressed), when it was bound
 * @param simulated whether the evidence came from the simulator
 */
public record VerificationReport(String url, List<Check> checks, Optional<String> signingPublicKey, boolean simulated) {
  public VerificationReport {
    checks = List.copyOf(checks);
  }

  public boolean passed() {
    return !checks.isEmpty() && checks.stream().noneMatch(Check::failed);
  }

  /** The first failed check, if any. */
  public Optional<Check> firstFailure() {
    return checks.stream().filter(Check::failed).findFirst();
  }

  /** A report a person can read: one line per check, then the verdict. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("Verifying ").append(url).append(simulated ? " (simulated TEE)" : "").append('\n');
    for (Check check : checks) {
      out.append("  ").append(check.status()).append("  ")
          .append(String.format(java.util.Locale.ROOT, "%-32s", check.name()))
          .append(check.reason())
          .append('\n');
    }
    if (passed()) {
      out.append("VERIFIED: every check passed");
      signingPublicKey.ifPresent(k -> out.append("; signing key ").append(k));
    } else {
      out.append("NOT VERIFIED: ").append(firstFailure().map(Check::name).orElse("no checks ran"));
    }
    return out.append('\n').toString();
  }
}
