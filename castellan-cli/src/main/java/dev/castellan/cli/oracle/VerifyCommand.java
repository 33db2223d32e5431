package dev.castellan.cli.oracle;

import dev.castellan.attestation.Platform;
import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.cli.PolicyOptions;
import dev.castellan.client.ClientOptions;
import dev.castellan.client.OracleClient;
import dev.castellan.client.VerificationReport;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.ObjectMapper;

/** {@code castellan verify URL}: the verifying client as a command. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Verify a running oracle and explain every check.",
      "",
      "Checks a fresh attestation against the appraisal policy, the signing",
      "key bound in PCR16, the attestation key bound in the user data, a",
      "signature on every response, and the TLS key. The measurement must be",
      "pinned: --expected-pcr0 HEX (compute it with 'castellan measure') or a",
      "--policy that pins nitro.pcrs[\"0\"]; otherwise the verdict is",
      "'NOT VERIFIED: measurement not pinned', unless --any-measurement opts",
      "out (the verdict then says UNPINNED).",
      "Exits 0 only when every check passes, 1 otherwise, 2 on a usage error."
    })
public final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "URL", description = "The oracle's base URL, e.g. https://127.0.0.1:8443")
  URI url;

  @Mixin PolicyOptions policyOptions;

  @Option(names = "--insecure-tls", description = "Accept the enclave's self-signed certificate; its key is still checked against the attestation.")
  boolean insecureTls;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (url.getScheme() == null || !(url.getScheme().equals("https") || url.getScheme().equals("http"))) {
      throw new CommandLine.ParameterException(spec.commandLine(), "URL must start with https:// or http://");
    }
    AppraisalPolicy policy;
    try {
      policy = policyOptions.policy();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    ClientOptions options =
        ClientOptions.defaults(List.of(NitroVerifier.create(policyOptions.anchors(Platform.NITRO, policy))))
            .withPolicy(policy)
            .withInsecureTls(insecureTls);
    URI base = url.getPath() == null || url.getPath().isEmpty() ? url.resolve("/") : url;
    VerificationReport report = OracleClient.create(options).verify(base);
    var out = spec.commandLine().getOut();
    out.print(json ? new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report.json()) + "\n"
        : report.render());
    out.flush();
    return report.passed() ? 0 : 1;
  }
}
