package dev.castellan.cli.agent;

import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.composition.ServiceLeaf;
import dev.castellan.attestation.gpu.GpuVerifier;
import dev.castellan.attestation.image.ImageHash;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.snp.SnpVerifier;
import dev.castellan.attestation.tdx.TdxVerifier;
import dev.castellan.cli.PolicyOptions;
import dev.castellan.cli.attest.CollateralDirectory;
import dev.castellan.client.ClientOptions;
import dev.castellan.client.VmClient;
import dev.castellan.client.VmOptions;
import dev.castellan.client.VmReport;
import dev.castellan.core.bytes.Hex;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.ObjectMapper;

/** {@code castellan verify-vm URL}: the VM verifier (docs/agent.md, "verify-vm") as a command. */
@Command(
    name = "verify-vm",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Verify an SEV-SNP or TDX VM through its agent, explaining every check.",
      "",
      "Fetches evidence for a fresh nonce and recomputes REPORT_DATA from the",
      "nonce and the components (image hash, service-tree root, GPU digest);",
      "verifies the evidence (SEV-SNP or TDX, detected) and appraises it; checks",
      "the image hash, the GPU report and its digest, the service's proof in",
      "the attested tree and its key, and a fresh response signed by that key.",
      "The launch measurement must be pinned (--expected-measurement, or a",
      "--policy), as in 'castellan verify'. See docs/agent.md.",
      "Exits 0 only when every check passes, 1 otherwise, 2 on a usage error."
    })
public final class VerifyVmCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "URL", description = "The agent's base URL, e.g. https://127.0.0.1:8445")
  URI url;

  @Option(names = "--expected-image", required = true, paramLabel = "HASH",
      description = "The image hash the VM must run, in any form 'castellan measure image' prints.")
  String expectedImage;

  @Option(names = "--service", paramLabel = "NAME", description = "A service to check: its leaf and a signed response.")
  String service;

  @Option(names = "--service-key", paramLabel = "HEX",
      description = "With --service: the key it must sign with (compressed secp256k1, 66 hex digits).")
  String serviceKey;

  @Option(names = "--service-url", paramLabel = "URL",
      description = "With --service: where to reach it (default: the URL the agent lists for it).")
  URI serviceUrl;

  @Option(names = "--gpu-policy", paramLabel = "FILE",
      description = "An appraisal policy for the GPU (its \"gpu\" member; docs/policy/gpu.md). Given, the VM must"
          + " attest a GPU. Default: --policy.")
  Path gpuPolicy;

  @Option(names = "--collateral", paramLabel = "DIR",
      description = "Collateral beyond what the agent hands out (VCEK, TCB Info, QE Identity, CRLs), as for"
          + " 'attest verify'.")
  Path collateral;

  @Mixin PolicyOptions policyOptions;

  @Option(names = "--insecure-tls",
      description = "Accept the agent's self-signed certificate (what it returns is verified by itself, not by TLS).")
  boolean insecureTls;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    requireHttp(url, "URL");
    ImageHash image;
    Optional<VmOptions.ExpectedService> expected = Optional.empty();
    AppraisalPolicy policy;
    AppraisalPolicy gpu;
    try {
      image = ImageHash.parse(expectedImage);
      if (service != null) {
        ServiceLeaf.requireName(service);
        if (serviceKey == null) {
          throw new IllegalArgumentException("--service needs --service-key HEX: the key the service must sign with");
        }
        byte[] key = hex("--service-key", serviceKey);
        if (serviceUrl != null) {
          requireHttp(serviceUrl, "--service-url");
        }
        expected = Optional.of(new VmOptions.ExpectedService(service, key, Optional.ofNullable(serviceUrl)));
      } else if (serviceKey != null || serviceUrl != null) {
        throw new IllegalArgumentException("--service-key and --service-url need --service NAME");
      }
      policy = policyOptions.policy();
      if (gpuPolicy == null) {
        gpu = policy;
      } else {
        AppraisalPolicy file = AppraisalPolicy.fromFile(gpuPolicy);
        gpu = file.withAcceptSimulated(file.acceptSimulated() || policy.acceptSimulated());
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    var snpAnchors = policyOptions.anchorsIfPresent(Platform.SEV_SNP, policy);
    ClientOptions client = ClientOptions.defaults(List.of(
            SnpVerifier.create(snpAnchors), TdxVerifier.create(policyOptions.anchorsIfPresent(Platform.TDX, policy))))
        .withPolicy(policy)
        .withInsecureTls(insecureTls);
    CollateralSource extra = collateral == null ? CollateralSource.none()
        : CollateralDirectory.load(collateral, Instant.now(), snpAnchors).source();
    VmOptions options = new VmOptions(client, image, expected,
        GpuVerifier.create(policyOptions.anchorsIfPresent(Platform.GPU, gpu)), gpu, gpuPolicy != null, extra);
    URI base = url.getPath() == null || url.getPath().isEmpty() ? url.resolve("/") : url;
    VmReport report = VmClient.create(options).verify(base);
    var out = spec.commandLine().getOut();
    out.print(json ? new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report.json()) + "\n"
        : report.render());
    out.flush();
    return report.passed() ? 0 : 1;
  }

  private void requireHttp(URI uri, String what) {
    if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
        || uri.getHost() == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), what + " must start with https:// or http://");
    }
  }

  private static byte[] hex(String option, String value) {
    try {
      return Hex.decode(value.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " must be hex: " + e.getMessage());
    }
  }
}
