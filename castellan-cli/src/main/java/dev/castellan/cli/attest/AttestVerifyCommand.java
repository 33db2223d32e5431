package dev.castellan.cli.attest;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.EvidenceFormat;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.collateral.HttpCollateralOptions;
import dev.castellan.attestation.collateral.HttpCollateralSource;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.Verifier;
import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.policy.Verdict;
import dev.castellan.attestation.snp.SnpVerifier;
import dev.castellan.attestation.tdx.TdxVerifier;
import dev.castellan.attestation.tpm.TpmVerifier;
import dev.castellan.cli.oracle.TrustRoots;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code castellan attest verify FILE}: verify evidence, appraise it, print every check. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Verify attestation evidence and appraise it against a policy.",
      "FILE may be binary, hex or base64 text. Prints every check (PASS/FAIL name",
      "reason), the main claims, then VERIFIED or NOT VERIFIED: <first failed check>.",
      "Exit code: 0 only when every check passes, 1 otherwise, 2 on a usage error.",
      "",
      "Freshness is never skipped silently: give exactly one of --nonce,",
      "--report-data or --no-freshness.",
      "Simulated evidence needs --allow-simulated and a trusted simulator root:",
      "--simulator-data DIR (nitro, snp), or --trust-root PEM (tdx: the",
      "FILE.collateral/root.pem that 'attest simulate' wrote).",
      ""
    })
public final class AttestVerifyCommand implements Callable<Integer> {
  /** Largest evidence file read: hex doubles the 1 MiB evidence bound; 4 KiB for whitespace. */
  static final long MAX_FILE_BYTES = 2L * Evidence.MAX_BYTES + 4096;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The evidence: binary, hex or base64 text.")
  Path file;

  @Option(names = "--platform", paramLabel = "PLATFORM", defaultValue = "auto",
      description = "nitro, snp, tdx, tpm (Castellan's TPM evidence encoding), or auto to recognise the format"
          + " (default: ${DEFAULT-VALUE}).")
  Arguments.PlatformChoice platform;

  @Option(names = "--at", paramLabel = "ISO-8601",
      description = "Verify as of this time (e.g. 2024-01-01T00:00:00Z or 2024-01-01); default now.")
  String at;

  @Option(names = "--nonce", paramLabel = "HEX", description = "The expected nonce (Nitro nonce, TPM extraData).")
  String nonce;

  @Option(names = "--report-data", paramLabel = "HEX",
      description = "The expected report data, exactly (SEV-SNP/TDX: 64 bytes; Nitro user_data).")
  String reportData;

  @Option(names = "--no-freshness", description = "Explicitly skip the freshness check; the verdict records it.")
  boolean noFreshness;

  @Option(names = "--policy", paramLabel = "FILE", description = "An appraisal policy (JSON); default: strict defaults.")
  Path policyFile;

  @Option(names = "--any-measurement",
      description = "Accept evidence whose launch measurement no reference value pins (the verdict says UNPINNED).")
  boolean anyMeasurement;

  @Option(names = "--allow-debug", description = "Accept debug-mode environments (the host can read their memory).")
  boolean allowDebug;

  @Option(names = "--allow-simulated", description = "Accept simulated evidence (proves nothing about hardware).")
  boolean allowSimulated;

  @Option(names = "--collateral", paramLabel = "DIR",
      description = "A directory of certificates (VCEK/VLEK, ASK/ARK, TCB signing), CRLs and TCB Info /"
          + " QE Identity JSON, recognised by content, not by name.")
  Path collateral;

  @Option(names = "--fetch-collateral",
      description = "Fetch collateral missing from --collateral over the network: contacts AMD KDS"
          + " (kdsintf.amd.com) and Intel PCS (api.trustedservices.intel.com). Off by default."
          + " Fetched items are verified against the pinned roots like offline ones.")
  boolean fetchCollateral;

  @Option(names = "--collateral-cache", paramLabel = "DIR",
      description = "With --fetch-collateral: keep fetched collateral in DIR (refetched after a day).")
  Path collateralCache;

  @Option(names = "--trust-root", paramLabel = "PEM",
      description = "An extra root to trust (repeatable); results chaining to it count as simulated.")
  List<Path> trustRoots = new ArrayList<>();

  @Option(names = {"--data", "--simulator-data"}, paramLabel = "DIR",
      description = "Trust the simulator roots of this data directory (read-only; never creates a simulator).")
  Path simulatorData;

  @Option(names = "--accept-expired-tcb-signing-cert",
      description = "TDX: accept TCB Info / QE Identity signed by an expired Intel TCB signing certificate"
          + " (Intel re-issued it with the same key); its signatures are still checked.")
  boolean acceptExpiredTcbSigning;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Freshness freshness;
    Instant time;
    try {
      freshness = freshness();
      time = at == null ? Instant.now() : Arguments.time(at);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (collateralCache != null && !fetchCollateral) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--collateral-cache needs --fetch-collateral");
    }
    AppraisalPolicy policy = policy();
    HttpCollateralSource fetcher = fetchCollateral ? fetcher() : null;
    byte[] encoded = dev.castellan.cli.InputFile.read("evidence file", file, MAX_FILE_BYTES);
    Report report;
    List<String> used = List.of();
    try {
      byte[] bytes = EvidenceFormat.decodeText(encoded);
      Evidence evidence = platform.platform == null ? Evidence.detect(bytes) : Evidence.of(platform.platform, bytes);
      TrustAnchors anchors = anchors(evidence.platform());
      CollateralSource source = CollateralSource.none();
      if (collateral != null) {
        CollateralDirectory directory = CollateralDirectory.load(collateral, time, anchors);
        directory.ignored().forEach(p -> spec.commandLine().getErr().println(
            "note: ignoring " + p + ": not a certificate, CRL, TCB Info or QE Identity"));
        source = directory.source();
        used = directory.recognised();
      }
      if (fetcher != null) {
        source = CollateralSource.firstOf(source, fetcher);
      }
      VerificationRequest request = new VerificationRequest(time, freshness, source, VerificationRequest.DEFAULT_MAX_AGE);
      AttestationResult result = verifier(evidence.platform(), anchors).verify(evidence, request);
      report = Report.of(file, time, used, Appraisal.appraise(policy, result));
    } catch (AttestationException e) {
      report = Report.failed(file, time, used, e);
    }
    if (fetcher != null) {
      fetcher.problems().forEach(p -> spec.commandLine().getErr().println("note: collateral fetch: " + p));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? report.json() : report.text());
    out.flush();
    return report.verified() ? 0 : 1;
  }

  /**
   * The network source. The system properties {@code castellan.kds.url} and {@code
   * castellan.pcs.url} replace the vendor base URLs; they exist for tests and mirrors.
   */
  private HttpCollateralSource fetcher() {
    HttpCollateralOptions options = HttpCollateralOptions.defaults();
    try {
      options = options.withBaseUrls(
          URI.create(System.getProperty("castellan.kds.url", HttpCollateralOptions.AMD_KDS.toString())),
          URI.create(System.getProperty("castellan.pcs.url", HttpCollateralOptions.INTEL_PCS.toString())));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "castellan.kds.url / castellan.pcs.url must be absolute http(s) URLs");
    }
    if (collateralCache != null) {
      options = options.withCacheDirectory(collateralCache);
    }
    return HttpCollateralSource.create(options);
  }

  private Freshness freshness() {
    int given = (nonce != null ? 1 : 0) + (reportData != null ? 1 : 0) + (noFreshness ? 1 : 0);
    if (given != 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), (given == 0 ? "freshness is required: " : "")
          + "give exactly one of --nonce HEX, --report-data HEX or --no-freshness"
          + (given == 0 ? " (freshness is never skipped silently; --no-freshness opts out explicitly)" : ""));
    }
    if (nonce != null) {
      return Freshness.nonce(Arguments.hex("--nonce", nonce));
    }
    return reportData != null ? Freshness.reportData(Arguments.hex("--report-data", reportData)) : Freshness.none();
  }

  private AppraisalPolicy policy() throws Exception {
    AppraisalPolicy policy = policyFile == null ? AppraisalPolicy.defaults() : AppraisalPolicy.fromFile(policyFile);
    // The flags only ever widen what the policy accepts; a policy that allows more stays as it is.
    policy = policy.withAllowDebug(policy.allowDebug() || allowDebug)
        .withAcceptSimulated(policy.acceptSimulated() || allowSimulated);
    if (anyMeasurement) {
      policy = policy.withAcceptSkipped(AppraisalPolicy.MEASUREMENT_CHECKS);
    }
    // --no-freshness is the explicit opt-out the skipped freshness check needs.
    return noFreshness ? policy.withAcceptSkipped(AppraisalPolicy.FRESHNESS_CHECKS) : policy;
  }

  /** The bundled vendor roots, plus --trust-root and --simulator-data roots (pinned as simulated). */
  private TrustAnchors anchors(Platform evidencePlatform) throws IOException {
    TrustAnchors anchors = TrustRoots.load(trustRoots, evidencePlatform);
    if (simulatorData != null) {
      anchors = anchors.plus(SimulatorRoots.load(simulatorData, evidencePlatform).toArray(PinnedCertificate[]::new));
    }
    return anchors;
  }

  private Verifier verifier(Platform evidencePlatform, TrustAnchors anchors) {
    return switch (evidencePlatform) {
      case NITRO -> NitroVerifier.create(anchors);
      case SEV_SNP -> SnpVerifier.create(anchors);
      case TDX -> TdxVerifier.create(anchors, new TdxVerifier.Options(acceptExpiredTcbSigning));
      case TPM -> TpmVerifier.create(anchors);
    };
  }

  private static byte[] read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("evidence file " + file + " does not exist");
    }
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new IOException("evidence file " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
    }
    return Files.readAllBytes(file);
  }

  /** Checks of a verdict, or the one failed verification check; claims only when verified. */
  record Report(Path file, Instant time, List<String> collateral, List<Check> checks, Map<String, Object> claims) {
    static Report of(Path file, Instant time, List<String> collateral, Verdict verdict) {
      return new Report(file, time, collateral, verdict.checks(), ClaimsView.of(verdict.claims()));
    }

    static Report failed(Path file, Instant time, List<String> collateral, AttestationException e) {
      String prefix = e.check() + ": ";
      String message = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
      return new Report(file, time, collateral, List.of(Check.fail(e.check(), message)), null);
    }

    boolean verified() {
      return claims != null && checks.stream().noneMatch(Check::failed);
    }

    /** Whether the measurement check was skipped (accepted only with --any-measurement). */
    boolean unpinned() {
      return checks.stream().anyMatch(c -> c.skipped() && c.name().endsWith(".measurement"));
    }

    String firstFailure() {
      return checks.stream().filter(Check::failed).map(Check::name).findFirst().orElse("no checks ran");
    }

    String text() {
      StringBuilder out = new StringBuilder();
      out.append("Verifying ").append(file.getFileName()).append(" at ").append(time).append('\n');
      if (!collateral.isEmpty()) {
        out.append("Collateral recognised\n");
        collateral.forEach(item -> out.append("  ").append(item).append('\n'));
      }
      for (Check check : checks) {
        out.append("  ").append(check.status()).append("  ")
            .append(String.format(java.util.Locale.ROOT, "%-28s ", check.name()))
            .append(check.reason()).append('\n');
      }
      if (claims != null) {
        out.append("Claims\n");
        claims.forEach((name, value) -> out.append(String.format(java.util.Locale.ROOT, "  %-16s %s%n", name,
            value instanceof List<?> list ? String.join(", ", list.stream().map(Object::toString).toList()) : value)));
      }
      out.append(verified() ? "VERIFIED" + (unpinned() ? " (UNPINNED: no reference value pins the measurement)" : "")
          : "NOT VERIFIED: " + firstFailure()).append('\n');
      return out.toString();
    }

    String json() {
      Map<String, Object> root = new java.util.LinkedHashMap<>();
      root.put("file", file.toString());
      root.put("time", time.toString());
      root.put("verified", verified());
      root.put("collateral", collateral);
      if (!verified()) {
        root.put("firstFailure", firstFailure());
      }
      root.put("checks", checks.stream().map(c -> {
        Map<String, Object> check = new java.util.LinkedHashMap<>();
        check.put("name", c.name());
        check.put("status", c.status().json());
        check.put("reason", c.reason());
        return check;
      }).toList());
      root.put("claims", claims);
      return new tools.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }
  }
}
