package dev.castellan.server.ra;

import static dev.castellan.server.ra.RaRequests.JSON;
import static dev.castellan.server.ra.RaRequests.json;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.NitroClaims;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.vrf.EcvrfPublicKey;
import dev.castellan.server.auth.Authorizer;
import dev.castellan.server.http.HttpError;
import dev.castellan.server.http.Request;
import dev.castellan.server.http.Response;
import dev.castellan.server.http.Route;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The RA routes that generate and read (docs/ra-api.md); the verify routes are {@link RaVerifyApi}. */
final class RaApi {
  /**
   * The scope {@code POST /ra/generate} needs: it makes the oracle sign (VRF proofs, documents).
   * The operator's token holds it; a scope of its own would need every installation's ACL changed.
   */
  static final String GENERATE_SCOPE = "sign:ecdsa";
  /** A generate body: a path of at most 4096 bytes, each at most 6 JSON characters (\\u00XX), and braces. */
  static final int MAX_GENERATE_BODY = 6 * RaRoot.MAX_PATH_BYTES + 64;
  /** Most random bytes one {@code GET /ra/rng_seq} returns (the simulated NSM's own bound). */
  static final int MAX_RANDOM_BYTES = 4096;

  private final RaRequests requests;
  private final RaStore store;
  private final Generator generator;
  private final RaEvidence evidence;
  private final EcvrfPublicKey vrfKey;
  private final Authorizer authorizer;
  private final byte[] oracleUserData;
  private final SecureRandom random;

  RaApi(RaRequests requests, RaStore store, Generator generator, RaEvidence evidence, EcvrfPublicKey vrfKey,
      Authorizer authorizer, byte[] oracleUserData, SecureRandom random) {
    this.requests = requests;
    this.store = store;
    this.generator = generator;
    this.evidence = evidence;
    this.vrfKey = vrfKey;
    this.authorizer = authorizer;
    this.oracleUserData = oracleUserData.clone();
    this.random = random;
  }

  List<Route> routes() {
    return List.of(
        Route.post("/ra/generate", MAX_GENERATE_BODY, this::generate),
        Route.get("/ra/generate/status", r -> json(200, status(generator.status()))),
        Route.get("/ra/hash/", this::hash),
        Route.get("/ra/proof/", this::proof),
        Route.get("/ra/doc/", this::doc),
        Route.get("/ra/pcrs/", this::pcrs),
        Route.get("/ra/pubkeys/", this::pubkeys),
        Route.get("/ra/nsm_desc", this::nsmDescription),
        Route.get("/ra/rng_seq", this::randomSequence));
  }

  /** Authorizes first: without the scope nothing is parsed, walked or started. */
  private Response generate(Request request) throws Exception {
    authorizer.authorize(request, GENERATE_SCOPE);
    JsonNode body = dev.castellan.server.http.JsonBody.read(request);
    RaRequests.requireObject(body);
    RaRoot.Resolved target = requests.resolve(RaRequests.text(body, "path"));
    try {
      return json(202, status(generator.start(target)));
    } catch (Generator.Refused e) {
      if (e.busy) {
        throw HttpError.overloaded(1);
      }
      throw HttpError.badRequest(e.getMessage());
    }
  }

  private RaRecord record(Request request) throws Exception {
    RaRoot.Resolved path = requests.pathParameter(request);
    return store.record(path.key())
        .orElseThrow(() -> HttpError.notFound("nothing generated for this path; POST /ra/generate first"));
  }

  private Response hash(Request request) throws Exception {
    RaRoot.Resolved path = requests.pathParameter(request);
    String hash = store.hash(path.key())
        .orElseThrow(() -> HttpError.notFound("no hash for this path; POST /ra/generate first"));
    ObjectNode body = JSON.createObjectNode();
    body.put("path", path.key());
    body.put("algorithm", "SHA3-512");
    body.put("hash", hash);
    return json(200, body);
  }

  private Response proof(Request request) throws Exception {
    RaRecord record = record(request);
    ObjectNode body = JSON.createObjectNode();
    body.put("path", record.path());
    body.put("hash", Hex.encode(record.hash()));
    body.put("suite", VrfSuites.seedName(record.suite()));
    body.put("rfcSuite", record.suite().specName());
    body.put("publicKey", Hex.encode(record.vrfPublicKey()));
    body.put("proof", Hex.encode(record.proof()));
    body.put("output", Hex.encode(record.output()));
    return json(200, body);
  }

  private Response doc(Request request) throws Exception {
    String view = request.queryParameter("view").orElse("json_hex");
    RaRecord record = record(request);
    return switch (view) {
      case "bin" -> Response.bytes(200, "application/cbor", record.document());
      case "hex" -> Response.text(200, Hex.encode(record.document()));
      case "base64" -> Response.text(200, Base64.getEncoder().encodeToString(record.document()));
      case "json_hex" -> json(200, documentJson(record));
      default -> throw HttpError.badRequest("'view' must be json_hex, hex, base64 or bin");
    };
  }

  /** The document's fields as verified at the time it was made (its certificates may have expired since). */
  private ObjectNode documentJson(RaRecord record) {
    ObjectNode body = JSON.createObjectNode();
    body.put("path", record.path());
    body.put("platform", evidence.platform());
    NitroClaims claims;
    try {
      claims = (NitroClaims) evidence.verify(record.document(), record.generatedAt(),
          Freshness.reportData(record.userData().encode())).claims();
    } catch (AttestationException e) {
      // Not this installation's (another root) or not intact: say so, show only the bytes.
      body.put("verified", false);
      body.put("reason", "the stored document does not verify: " + e.check());
      body.put("document_hex", Hex.encode(record.document()));
      return body;
    }
    body.put("verified", true);
    body.put("simulated", claims.simulated());
    ObjectNode document = body.putObject("document");
    document.put("module_id", claims.moduleId());
    document.put("timestamp", claims.timestamp().toEpochMilli());
    document.put("digest", claims.digest());
    document.set("pcrs", pcrJson(claims.pcrs()));
    document.put("certificate", claims.certificate().hex());
    document.put("user_data", claims.userData().map(ByteString::hex).orElse(null));
    document.put("nonce", claims.nonce().map(ByteString::hex).orElse(null));
    body.set("userData", userDataJson(record.userData()));
    body.put("document_hex", Hex.encode(record.document()));
    return body;
  }

  static ObjectNode userDataJson(RaUserData data) {
    ObjectNode node = JSON.createObjectNode();
    node.put("layout", "CRA1");
    node.put("suite", VrfSuites.seedName(data.suite()));
    node.put("fileHash", Hex.encode(data.fileHash()));
    node.put("pathHash", Hex.encode(data.pathHash()));
    node.put("vrfKeyHash", Hex.encode(data.vrfKeyHash()));
    node.put("vrfOutput", Hex.encode(data.vrfOutput()));
    return node;
  }

  static ObjectNode pcrJson(Map<Integer, ByteString> pcrs) {
    ObjectNode node = JSON.createObjectNode();
    pcrs.forEach((index, value) -> node.put(Integer.toString(index), value.hex()));
    return node;
  }

  private Response pcrs(Request request) throws Exception {
    NitroClaims claims = evidence.current();
    ObjectNode body = JSON.createObjectNode();
    body.put("platform", evidence.platform());
    body.put("simulated", claims.simulated());
    body.put("digest", claims.digest());
    body.set("pcrs", pcrJson(claims.pcrs()));
    return json(200, body);
  }

  private Response pubkeys(Request request) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode vrf = body.putObject("vrf");
    vrf.put("suite", VrfSuites.seedName(vrfKey.suite()));
    vrf.put("rfcSuite", vrfKey.suite().specName());
    vrf.put("publicKey", Hex.encode(vrfKey.toBytes()));
    ObjectNode attestation = body.putObject("attestation");
    attestation.put("platform", evidence.platform());
    attestation.put("simulated", evidence.simulated());
    attestation.put("oracleUserData", Hex.encode(oracleUserData));
    return json(200, body);
  }

  /** What DescribeNSM reports, read from a fresh verified document; the simulator is labelled. */
  private Response nsmDescription(Request request) throws Exception {
    NitroClaims claims = evidence.current();
    ObjectNode body = JSON.createObjectNode();
    body.put("platform", evidence.platform());
    body.put("simulated", claims.simulated());
    body.put("module_id", claims.moduleId());
    body.put("pcr_count", claims.pcrs().size()); // in the document; the NSM's max_pcrs is not in one
    body.put("digest", claims.digest());
    body.put("description", claims.simulated()
        ? "Castellan's simulated Nitro Security Module: its documents prove nothing about hardware"
        : "AWS Nitro Security Module");
    return json(200, body);
  }

  private Response randomSequence(Request request) throws HttpError {
    String len = request.queryParameter("len").orElse("32");
    int n;
    try {
      n = Integer.parseInt(len);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > MAX_RANDOM_BYTES) {
      throw HttpError.badRequest("'len' must be 1 to " + MAX_RANDOM_BYTES);
    }
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    ObjectNode body = JSON.createObjectNode();
    body.put("len", n);
    body.put("random", Hex.encode(bytes));
    return json(200, body);
  }

  static ObjectNode status(GenerateStatus status) {
    ObjectNode body = JSON.createObjectNode();
    body.put("state", status.state());
    body.put("path", status.path());
    body.put("total", status.total());
    body.put("done", status.done());
    body.put("failed", status.failed());
    body.put("skipped", status.skipped());
    body.put("startedAt", status.startedAt().map(Object::toString).orElse(null));
    body.put("finishedAt", status.finishedAt().map(Object::toString).orElse(null));
    var errors = body.putArray("errors");
    for (GenerateStatus.FileError error : status.errors()) {
      errors.addObject().put("path", error.path()).put("reason", error.reason());
    }
    return body;
  }
}
