package dev.castellan.cli.oracle;

import dev.castellan.attestation.Platform;
import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.client.ClientOptions;
import dev.castellan.client.OracleClient;
import dev.castellan.client.VerificationReport;
import dev.castellan.core.bytes.Hex;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code castellan verify URL}: the verifying client as a command. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify a running oracle and explain every check.",
      "",
      "Checks a fresh attestation, the signing key bound in PCR16, the attestation key",
      "bound in the user data, a signature on every response, and the TLS key.",
      "Exits 0 only when every check passes."
    })
public final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "URL", description = "The oracle's base URL, e.g. https://127.0.0.1:8443")
  URI url;

  @Option(names = "--expected-pcr0", paramLabel = "HEX", description = "The PCR0 you expect (96 hex digits).")
  String expectedPcr0;

  @Option(names = "--policy", paramLabel = "FILE", description = "An appraisal policy (JSON) to apply to the claims.")
  Path policy;

  @Option(names = "--insecure-tls", description = "Accept the enclave's self-signed certificate; its key is still checked against the attestation.")
  boolean insecureTls;

  @Option(names = "--allow-simulated", description = "Accept evidence from the simulator (proves nothing about hardware).")
  boolean allowSimulated;

  @Option(names = "--trust-root", paramLabel = "PEM", description = "An extra root to trust, e.g. the simulator's (castellan-data/simulator/nitro-root.pem); results chaining to it count as simulated.")
  List<Path> trustRoots = new ArrayList<>();

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (url.getScheme() == null || !(url.getScheme().equals("https") || url.getScheme().equals("http"))) {
      throw new IllegalArgumentException("URL must start with https:// or http://");
    }
    ClientOptions options =
        ClientOptions.defaults(List.of(NitroVerifier.create(TrustRoots.load(trustRoots, Platform.NITRO))))
            .withInsecureTls(insecureTls)
            .withAllowSimulated(allowSimulated);
    if (expectedPcr0 != null) {
      byte[] pcr0;
      try {
        pcr0 = Hex.decode(expectedPcr0.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--expected-pcr0 must be hex: " + e.getMessage());
      }
      if (pcr0.length != 48) {
        throw new IllegalArgumentException("--expected-pcr0 must be 48 bytes (96 hex digits), got " + pcr0.length);
      }
      options = options.withExpectedPcr0(pcr0);
    }
    if (policy != null) {
      options = options.withPolicy(AppraisalPolicy.fromFile(policy));
    }
    URI base = url.getPath() == null || url.getPath().isEmpty() ? url.resolve("/") : url;
    VerificationReport report = OracleClient.create(options).verify(base);
    var out = spec.commandLine().getOut();
    out.print(json ? toJson(report) : report.render());
    out.flush();
    return report.passed() ? 0 : 1;
  }

  private static String toJson(VerificationReport report) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("url", report.url());
    root.put("verified", report.passed());
    root.put("simulated", report.simulated());
    root.put("signingPublicKey", report.signingPublicKey().orElse(null));
    ArrayNode checks = root.putArray("checks");
    report.checks().forEach(c -> checks.addObject().put("name", c.name()).put("status", c.status().json()).put("reason", c.reason()));
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }
}
