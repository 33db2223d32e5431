package dev.castellan.client;

import dev.castellan.attestation.Check;
import dev.castellan.attestation.CheckReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of verifying an oracle: every check in the order performed, with its reason,
 * each once (the verifier's and the appraisal's as the {@link
 * dev.castellan.attestation.policy.Verdict} lists them, then the client's bindings). The
 * oracle is trusted only if {@link #passed()}; the run stops at the first failed check, which
 * is listed, so nothing is omitted silently. Rendered by {@link CheckReport}, as {@code
 * castellan attest verify} is.
 *
 * @param url the oracle's base URL
 * @param checks every check performed
 * @param signingPublicKey the verified signing key (hex, compressed), when it was bound
 * @param simulated whether the evidence came from the simulator
 * @param tlsKeyHash the attested {@code tlsKeyHash} (hex), when the TLS key presented was checked
 *     against it: the pin for later connections ({@link OracleEndpoint#pinned})
 */
public record VerificationReport(
    String url, List<Check> checks, Optional<String> signingPublicKey, boolean simulated, Optional<String> tlsKeyHash) {
  public VerificationReport {
    checks = List.copyOf(checks);
  }

  /** The checks as the shared report model. */
  public CheckReport report() {
    return new CheckReport(checks, true);
  }

  public boolean passed() {
    return report().verified();
  }

  /** Verified, with no reference value pinning the measurement ({@code --any-measurement}). */
  public boolean unpinned() {
    return report().unpinned();
  }

  /** The first failed check, if any. */
  public Optional<Check> firstFailure() {
    return report().firstFailure();
  }

  /** A report a person can read: one line per check, then the verdict. */
  public String render() {
    CheckReport report = report();
    StringBuilder out = new StringBuilder();
    out.append("Verifying ").append(url).append(simulated ? " (simulated TEE)" : "").append('\n');
    out.append(report.checkLines());
    out.append(report.verdictLine(signingPublicKey.filter(k -> report.verified()).map(k -> "signing key " + k).orElse("")))
        .append('\n');
    report.hint("--expected-pcr0 HEX (see 'castellan measure') or --policy FILE").ifPresent(h -> out.append(h).append('\n'));
    return out.toString();
  }

  /**
   * The JSON members: {@code url}, the {@link CheckReport#json()} members, {@code simulated},
   * {@code signingPublicKey}, {@code tlsKeyHash}.
   */
  public Map<String, Object> json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("url", url);
    root.putAll(report().json());
    root.put("simulated", simulated);
    root.put("signingPublicKey", signingPublicKey.orElse(null));
    root.put("tlsKeyHash", tlsKeyHash.orElse(null));
    return root;
  }
}
