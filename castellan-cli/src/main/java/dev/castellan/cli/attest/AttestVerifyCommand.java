package dev.castellan.cli.attest;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.CheckReport;
import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.EvidenceFormat;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.collateral.HttpCollateralOptions;
import dev.castellan.attestation.collateral.HttpCollateralSource;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.Verifier;
import dev.castellan.attestation.gpu.GpuVerifier;
import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.policy.Verdict;
import dev.castellan.attestation.sgx.SgxVerifier;
import dev.castellan.attestation.snp.SnpVerifier;
import dev.castellan.attestation.tdx.TdxVerifier;
import dev.castellan.attestation.tpm.TpmVerifier;
import dev.castellan.cli.PolicyOptions;
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
import picocli.CommandLine.Mixin;
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
      "FILE may be binary, hex or base64 text. Prints every check",
      "(PASS/FAIL/SKIP name reason), the main claims, then VERIFIED or",
      "NOT VERIFIED: <first failed check>.",
      "Exit code: 0 only when every check passes, 1 otherwise, 2 on a usage error.",
      "",
      "Freshness is never skipped silently: give exactly one of --nonce,",
      "--report-data or --no-freshness.",
      "The measurement must be pinned (--expected-pcr0, or a --policy that pins it)",
      "unless --any-measurement opts out (the verdict then says UNPINNED).",
      "Simulated evidence needs --allow-simulated (or a policy's acceptSimulated) and",
      "a trusted simulator root: the data directory's (--data DIR, else CASTELLAN_DATA,",
      "else ./castellan-data; nitro, snp, tdx, gpu), or --trust-root PEM.",
      "GPU (NVIDIA Hopper): --platform gpu --chain PEM --nonce HEX, FILE the report",
      "(GET_MEASUREMENTS request and MEASUREMENTS response) as binary or hex.",
      ""
    })
public final class AttestVerifyCommand implements Callable<Integer> {
  /** Largest evidence file read: hex doubles the 1 MiB evidence bound; 4 KiB for whitespace. */
  static final long MAX_FILE_BYTES = 2L * Evidence.MAX_BYTES + 4096;

  /** Largest chain file read: 8 certificates of at most 16 KiB DER, as base64 (4/3) with line breaks. */
  static final long MAX_CHAIN_BYTES = 8L * 23 * 1024;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The evidence: binary, hex or base64 text.")
  Path file;

  @Option(names = "--platform", paramLabel = "PLATFORM", defaultValue = "auto",
      description = "nitro, snp, tdx, sgx, tpm (Castellan's TPM evidence encoding), gpu (NVIDIA Hopper), or auto to recognise the format"
          + " (default: ${DEFAULT-VALUE}).")
  Arguments.PlatformChoice platform;

  @Option(names = "--at", paramLabel = "ISO-8601",
      description = "Verify as of this time (e.g. 2024-01-01T00:00:00Z or 2024-01-01); default now.")
  String at;

  @Option(names = "--nonce", paramLabel = "HEX",
      description = "The expected nonce (Nitro nonce, TPM extraData, GPU request nonce: 32 bytes).")
  String nonce;

  @Option(names = "--report-data", paramLabel = "HEX",
      description = "The expected report data, exactly (SEV-SNP/TDX/SGX: 64 bytes; Nitro user_data).")
  String reportData;

  @Option(names = "--no-freshness", description = "Explicitly skip the freshness check; the verdict records it.")
  boolean noFreshness;

  @Mixin PolicyOptions policyOptions;

  @Option(names = "--chain", paramLabel = "PEM",
      description = "GPU: the device's certificate chain, PEM, leaf first and the NVIDIA root last.")
  Path chain;

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
    byte[] chainPem = chain == null ? null : dev.castellan.cli.InputFile.read("chain file", chain, MAX_CHAIN_BYTES);
    Report report;
    List<String> used = List.of();
    try {
      byte[] bytes = EvidenceFormat.decodeText(encoded);
      Evidence evidence = platform.platform == null ? Evidence.detect(bytes) : Evidence.of(platform.platform, bytes);
      if ((evidence.platform() == Platform.GPU) != (chain != null)) {
        throw new CommandLine.ParameterException(spec.commandLine(), chain == null
            ? "GPU evidence needs its certificate chain: --chain PEM"
            : "--chain applies to GPU evidence only (--platform gpu)");
      }
      TrustAnchors anchors = policyOptions.anchors(evidence.platform(), policy);
      CollateralSource source = CollateralSource.none();
      if (chainPem != null) {
        source = CollateralSource.of(java.util.Map.of(GpuVerifier.CHAIN, chainPem));
      }
      if (collateral != null) {
        CollateralSource chainSource = source;
        CollateralDirectory directory = CollateralDirectory.load(collateral, time, anchors);
        directory.ignored().forEach(p -> spec.commandLine().getErr().println(
            "note: ignoring " + p + ": not a certificate, CRL, TCB Info or QE Identity"));
        source = CollateralSource.firstOf(chainSource, directory.source());
        used = directory.recognised();
      }
      if (fetcher != null) {
        source = CollateralSource.firstOf(source, fetcher);
      }
      VerificationRequest request = new VerificationRequest(time, freshness, source);
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

  /** The shared policy options, and --no-freshness: the explicit opt-out a skipped freshness check needs. */
  private AppraisalPolicy policy() throws Exception {
    AppraisalPolicy policy;
    try {
      policy = policyOptions.policy();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    return noFreshness ? policy.withAcceptSkipped(AppraisalPolicy.FRESHNESS_CHECKS) : policy;
  }

  private Verifier verifier(Platform evidencePlatform, TrustAnchors anchors) {
    return switch (evidencePlatform) {
      case NITRO -> NitroVerifier.create(anchors);
      case SEV_SNP -> SnpVerifier.create(anchors);
      case TDX -> TdxVerifier.create(anchors, new TdxVerifier.Options(acceptExpiredTcbSigning));
      case TPM -> TpmVerifier.create(anchors);
      case SGX -> SgxVerifier.create(anchors, new SgxVerifier.Options(acceptExpiredTcbSigning));
      case GPU -> GpuVerifier.create(anchors);
    };
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

    CheckReport checkReport() {
      return new CheckReport(checks, claims != null);
    }

    boolean verified() {
      return checkReport().verified();
    }

    String text() {
      CheckReport report = checkReport();
      StringBuilder out = new StringBuilder();
      out.append("Verifying ").append(file.getFileName()).append(" at ").append(time).append('\n');
      if (!collateral.isEmpty()) {
        out.append("Collateral recognised\n");
        collateral.forEach(item -> out.append("  ").append(item).append('\n'));
      }
      out.append(report.checkLines());
      if (claims != null) {
        out.append("Claims\n");
        claims.forEach((name, value) -> out.append(String.format(java.util.Locale.ROOT, "  %-16s %s%n", name,
            value instanceof List<?> list ? String.join(", ", list.stream().map(Object::toString).toList()) : value)));
      }
      out.append(report.verdictLine("")).append('\n');
      report.hint("--expected-pcr0 HEX or --policy FILE").ifPresent(h -> out.append(h).append('\n'));
      return out.toString();
    }

    /** {@code file}, {@code time}, the {@link CheckReport#json()} members, {@code collateral}, {@code claims}. */
    String json() {
      Map<String, Object> root = new java.util.LinkedHashMap<>();
      root.put("file", file.toString());
      root.put("time", time.toString());
      root.putAll(checkReport().json());
      root.put("collateral", collateral);
      root.put("claims", claims);
      return new tools.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }
  }
}
