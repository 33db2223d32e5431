package dev.castellan.client;

import dev.castellan.attestation.Check;
import dev.castellan.attestation.CheckReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of verifying a VM ({@link VmClient}): every check in the order performed, the
 * run stopping at the first failure, rendered by {@link CheckReport} as {@code castellan
 * verify} and {@code attest verify} are.
 *
 * @param url the agent's base URL
 * @param checks every check performed
 * @param platform {@code sev-snp} or {@code tdx}, once known
 * @param simulated whether the evidence came from the simulator
 */
public record VmReport(String url, List<Check> checks, Optional<String> platform, boolean simulated) {
  public VmReport {
    checks = List.copyOf(checks);
  }

  public CheckReport report() {
    return new CheckReport(checks, true);
  }

  public boolean passed() {
    return report().verified();
  }

  public Optional<Check> firstFailure() {
    return report().firstFailure();
  }

  /** One line per check, then the verdict. */
  public String render() {
    CheckReport report = report();
    StringBuilder out = new StringBuilder();
    out.append("Verifying VM at ").append(url).append(platform.map(p -> " (" + p + ")").orElse(""))
        .append(simulated ? " (simulated TEE)" : "").append('\n');
    out.append(report.checkLines());
    out.append(report.verdictLine("")).append('\n');
    report.hint("--expected-measurement HEX (see 'castellan measure --platform snp|tdx') or --policy FILE")
        .ifPresent(h -> out.append(h).append('\n'));
    return out.toString();
  }

  /** {@code url}, the {@link CheckReport#json()} members, {@code platform}, {@code simulated}. */
  public Map<String, Object> json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("url", url);
    root.putAll(report().json());
    root.put("platform", platform.orElse(null));
    root.put("simulated", simulated);
    return root;
  }
}
