package dev.castellan.server.agent;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.CollateralKey;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.composition.ReportData;
import dev.castellan.attestation.composition.ServiceLeaf;
import dev.castellan.attestation.composition.ServiceTree;
import dev.castellan.attestation.gpu.GpuEvidence;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.smt.SmtProof;
import dev.castellan.server.http.HttpError;
import dev.castellan.server.http.Request;
import dev.castellan.server.http.Response;
import dev.castellan.server.http.Route;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The agent's routes (docs/agent.md, "HTTP API"); all are public, since nothing they return
 * is secret and everything is verifiable:
 *
 * <pre>
 * GET /attestation?nonce=HEX     fresh evidence, REPORT_DATA v1 over the nonce and the components
 * GET /smt/proof?service=NAME    a membership (or non-membership) proof from the service tree
 * GET /services                  the tree's root and leaves
 * </pre>
 */
final class AgentApi {
  /** Version of the JSON documents this API returns. */
  static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AgentAttester attester;
  private final AgentConfig config;
  private final ServiceTree tree;
  private final GpuSource gpu;

  AgentApi(AgentAttester attester, AgentConfig config, GpuSource gpu) {
    this.attester = attester;
    this.config = config;
    this.tree = config.tree();
    this.gpu = gpu;
  }

  byte[] serviceRoot() {
    return tree.root();
  }

  List<Route> routes() {
    return List.of(
        Route.get("/attestation", this::attestation),
        Route.get("/smt/proof", this::proof),
        Route.get("/services", r -> services()));
  }

  private Response attestation(Request request) throws Exception {
    byte[] nonce = request.hexParameter("nonce", ReportData.PART_BYTES);
    Optional<GpuEvidence> gpuEvidence;
    try {
      gpuEvidence = gpu.attest(nonce);
    } catch (AttestationException e) {
      throw HttpError.unavailable("the GPU evidence is not available: " + e.getMessage());
    }
    ReportData.Components components = new ReportData.Components(config.image().digest(), tree.root(),
        gpuEvidence.map(g -> g.digest().toByteArray()));
    byte[] reportData = components.reportData(nonce);
    AgentAttester.Attested attested;
    try {
      attested = attester.attest(reportData);
    } catch (AttestationException e) {
      throw HttpError.unavailable("the TEE did not produce evidence: " + e.getMessage());
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("version", VERSION);
    body.put("nonce", Hex.encode(nonce));
    body.put("platform", platformName(attester.platform()));
    body.put("simulated", attester.simulated());
    body.put("evidence", Base64.getEncoder().encodeToString(attested.evidence().bytes()));
    body.put("reportData", Hex.encode(reportData));
    ObjectNode parts = body.putObject("components");
    parts.put("imageHash", Hex.encode(components.imageHash()));
    parts.put("smtRoot", Hex.encode(components.smtRoot()));
    parts.put("gpuDigest", components.gpuDigest().map(Hex::encode).orElse(null));
    if (gpuEvidence.isPresent()) {
      ObjectNode g = body.putObject("gpu");
      g.put("report", Base64.getEncoder().encodeToString(gpuEvidence.get().report()));
      ArrayNode chain = g.putArray("chain");
      for (X509Certificate certificate : gpuEvidence.get().chain()) {
        chain.add(Base64.getEncoder().encodeToString(der(certificate)));
      }
    } else {
      body.putNull("gpu");
    }
    ArrayNode collateral = body.putArray("collateral");
    for (Map.Entry<CollateralKey, byte[]> item : attested.collateral().entrySet()) {
      ObjectNode entry = collateral.addObject();
      entry.put("platform", item.getKey().platform().name());
      entry.put("kind", item.getKey().kind());
      entry.put("id", item.getKey().id());
      entry.put("value", Base64.getEncoder().encodeToString(item.getValue()));
    }
    return json(body);
  }

  private Response proof(Request request) throws HttpError {
    String name = request.queryParameter("service")
        .orElseThrow(() -> HttpError.badRequest("missing query parameter 'service'"));
    try {
      ServiceLeaf.requireName(name);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest("query parameter 'service': " + e.getMessage());
    }
    SmtProof proof = tree.prove(name);
    Optional<ServiceLeaf> leaf = tree.leaf(name);
    ObjectNode body = JSON.createObjectNode();
    body.put("version", VERSION);
    body.put("service", name);
    body.put("key", Hex.encode(ServiceLeaf.key(name)));
    body.put("root", Hex.encode(tree.root()));
    body.put("member", leaf.isPresent());
    if (leaf.isPresent()) {
      body.put("imageHash", Hex.encode(leaf.get().imageHash()));
      body.put("publicKey", Hex.encode(leaf.get().publicKey()));
      body.put("value", Hex.encode(leaf.get().value()));
    }
    body.put("proof", Hex.encode(proof.encode()));
    return json(body);
  }

  private Response services() {
    ObjectNode body = JSON.createObjectNode();
    body.put("version", VERSION);
    body.put("root", Hex.encode(tree.root()));
    body.put("imageHash", Hex.encode(config.image().digest()));
    ArrayNode list = body.putArray("services");
    for (AgentConfig.Service service : config.services()) {
      ServiceLeaf leaf = service.leaf();
      ObjectNode entry = list.addObject();
      entry.put("name", leaf.name());
      entry.put("imageHash", Hex.encode(leaf.imageHash()));
      entry.put("publicKey", Hex.encode(leaf.publicKey()));
      entry.put("key", Hex.encode(leaf.key()));
      entry.put("value", Hex.encode(leaf.value()));
      entry.put("url", service.url().map(Object::toString).orElse(null));
    }
    return json(body);
  }

  /** The platform's name in the agent's and the oracle's JSON. */
  static String platformName(Platform platform) {
    return switch (platform) {
      case SEV_SNP -> "sev-snp";
      case TDX -> "tdx";
      default -> throw new IllegalArgumentException("not an agent platform: " + platform);
    };
  }

  private static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate cannot be re-encoded", e);
    }
  }

  private static Response json(ObjectNode body) {
    return Response.json(200, JSON.writeValueAsBytes(body));
  }
}
