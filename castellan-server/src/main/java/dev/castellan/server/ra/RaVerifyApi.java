package dev.castellan.server.ra;

import static dev.castellan.server.ra.RaRequests.JSON;
import static dev.castellan.server.ra.RaRequests.json;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.CheckReport;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.EvidenceFormat;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.NitroClaims;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.vrf.Ecvrf;
import dev.castellan.core.vrf.EcvrfPublicKey;
import dev.castellan.core.vrf.EcvrfSuite;
import dev.castellan.core.vrf.VrfException;
import dev.castellan.server.http.HttpError;
import dev.castellan.server.http.JsonBody;
import dev.castellan.server.http.Request;
import dev.castellan.server.http.Response;
import dev.castellan.server.http.Route;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The RA verify routes (docs/ra-api.md): open to anyone, bounded by their bodies, and answering
 * 200 with {@code "verified": true|false} and the reason, since a failed verification is the
 * answer asked for, not an error of the request. Documents are verified by the same {@code
 * NitroVerifier} as {@code castellan attest verify}.
 */
final class RaVerifyApi {
  /** Small JSON bodies: a path (4096 bytes, 6 characters each escaped), hex hashes, proofs, keys. */
  static final int MAX_SMALL_BODY = 32 * 1024;
  /** A document body: the 1 MiB evidence bound as hex (2 MiB), the path, the JSON around it. */
  static final int MAX_DOCUMENT_BODY = 2 * Evidence.MAX_BYTES + MAX_SMALL_BODY;
  /** The chain checks of the Nitro verifier, what {@code verify_cert_bundle} reports. */
  private static final Set<String> CHAIN_CHECKS = Set.of("nitro.cose", "nitro.document", "nitro.signature",
      "nitro.chain", "nitro.chain-current");

  private final RaRequests requests;
  private final RaStore store;
  private final RaEvidence evidence;
  private final EcvrfPublicKey vrfKey;

  RaVerifyApi(RaRequests requests, RaStore store, RaEvidence evidence, EcvrfPublicKey vrfKey) {
    this.requests = requests;
    this.store = store;
    this.evidence = evidence;
    this.vrfKey = vrfKey;
  }

  List<Route> routes() {
    return List.of(
        Route.post("/ra/verify_hash/", MAX_SMALL_BODY, this::verifyHash),
        Route.post("/ra/verify_proof/", MAX_SMALL_BODY, this::verifyProof),
        Route.post("/ra/verify_doc/", MAX_DOCUMENT_BODY, this::verifyDocument),
        Route.post("/ra/verify_cert_bundle/", MAX_DOCUMENT_BODY, this::verifyCertBundle),
        Route.post("/ra/verify_pcrs/", MAX_SMALL_BODY, this::verifyPcrs));
  }

  private static JsonNode body(Request request) throws HttpError {
    JsonNode body = JsonBody.read(request);
    RaRequests.requireObject(body);
    return body;
  }

  /** {@code {path, hash}}: does the stored SHA3-512 of {@code path} equal {@code hash}? */
  private Response verifyHash(Request request) throws Exception {
    JsonNode body = body(request);
    RaRoot.Resolved path = requests.resolve(RaRequests.text(body, "path"));
    byte[] claimed = RaRequests.hex(body, "hash", RaUserData.HASH_BYTES);
    String stored = store.hash(path.key())
        .orElseThrow(() -> HttpError.notFound("no hash for this path; POST /ra/generate first"));
    boolean verified = MessageDigest.isEqual(claimed, Hex.decode(stored));
    ObjectNode out = JSON.createObjectNode();
    out.put("verified", verified);
    out.put("path", path.key());
    out.put("hash", stored);
    if (!verified) {
      out.put("reason", "the hash differs from the one generated for this path");
    }
    return json(200, out);
  }

  /**
   * {@code {hash, proof[, publicKey, suite]}}: RFC 9381 ECVRF_verify of {@code proof} over the
   * 64 hash bytes; the key and suite default to this installation's.
   */
  private Response verifyProof(Request request) throws Exception {
    JsonNode body = body(request);
    byte[] alpha = RaRequests.hex(body, "hash", RaUserData.HASH_BYTES);
    byte[] proof = RaRequests.hex(body, "proof", 0);
    EcvrfSuite suite = vrfKey.suite();
    if (body.has("suite")) {
      try {
        suite = VrfSuites.parse(RaRequests.text(body, "suite"));
      } catch (IllegalArgumentException e) {
        throw HttpError.badRequest(e.getMessage());
      }
    }
    ObjectNode out = JSON.createObjectNode();
    try {
      EcvrfPublicKey key = body.has("publicKey")
          ? EcvrfPublicKey.fromBytes(suite, RaRequests.hex(body, "publicKey", suite.publicKeyLength()))
          : vrfKey.suite() == suite ? vrfKey : null;
      if (key == null) {
        throw HttpError.badRequest("'publicKey' is required for a suite other than this server's");
      }
      byte[] output = Ecvrf.verify(key, proof, alpha);
      out.put("verified", true);
      out.put("suite", VrfSuites.seedName(suite));
      out.put("output", Hex.encode(output));
    } catch (VrfException e) {
      out.put("verified", false);
      out.put("suite", VrfSuites.seedName(suite));
      out.put("reason", e.getMessage());
    }
    return json(200, out);
  }

  /**
   * {@code {document[, path]}}: the document (base64 or hex) verified now; with {@code path},
   * its user data must equal the {@link RaUserData} of that path's generated record exactly,
   * and its PCR0 the device's current measurement.
   */
  private Response verifyDocument(Request request) throws Exception {
    JsonNode body = body(request);
    byte[] document = document(body);
    List<Check> extra = new ArrayList<>();
    Freshness freshness = Freshness.none();
    if (body.has("path")) {
      RaRoot.Resolved path = requests.resolve(RaRequests.text(body, "path"));
      RaRecord record = store.record(path.key())
          .orElseThrow(() -> HttpError.notFound("nothing generated for this path; POST /ra/generate first"));
      freshness = Freshness.reportData(record.userData().encode());
    } else {
      extra.add(Check.skip("ra.binding", "no 'path' given: the user data was not compared with a generated record"));
    }
    AttestationResult result;
    try {
      result = evidence.verify(document, evidence.now(), freshness);
    } catch (AttestationException e) {
      return json(200, failed(e));
    }
    List<Check> checks = new ArrayList<>(result.checks());
    NitroClaims claims = (NitroClaims) result.claims();
    byte[] pcr0 = claims.pcr(0).map(ByteString::toByteArray).orElse(new byte[0]);
    checks.add(Check.of("ra.pcr0", MessageDigest.isEqual(pcr0, evidence.measurement()),
        "PCR0 equals this server's measurement"));
    checks.addAll(extra);
    ObjectNode out = report(checks, result.simulated());
    claims.userData().ifPresent(data -> {
      try {
        out.set("userData", RaApi.userDataJson(RaUserData.decode(data.toByteArray())));
      } catch (IllegalArgumentException e) {
        out.put("userData", data.hex());
      }
    });
    return json(200, out);
  }

  /** {@code {document}}: only the signature and certificate chain of the document, to the pinned root. */
  private Response verifyCertBundle(Request request) throws Exception {
    byte[] document = document(body(request));
    try {
      AttestationResult result = evidence.verify(document, evidence.now(), Freshness.none());
      List<Check> chain = result.checks().stream().filter(c -> CHAIN_CHECKS.contains(c.name())).toList();
      return json(200, report(chain, result.simulated()));
    } catch (AttestationException e) {
      return json(200, failed(e));
    }
  }

  /** {@code {"pcrs": "0: HEX\n1: HEX"}}, the seed's shape: each named PCR against a fresh document's. */
  private Response verifyPcrs(Request request) throws Exception {
    String text = RaRequests.text(body(request), "pcrs");
    SortedMap<Integer, byte[]> expected = parsePcrs(text);
    NitroClaims claims = evidence.current();
    List<Check> checks = new ArrayList<>();
    for (Map.Entry<Integer, byte[]> entry : expected.entrySet()) {
      byte[] actual = claims.pcr(entry.getKey()).map(ByteString::toByteArray).orElse(new byte[0]);
      boolean equal = MessageDigest.isEqual(actual, entry.getValue());
      checks.add(Check.of("ra.pcr" + entry.getKey(), equal, equal ? "PCR" + entry.getKey() + " matches"
          : "PCR" + entry.getKey() + " is " + (actual.length == 0 ? "absent" : Hex.encode(actual))));
    }
    return json(200, report(checks, claims.simulated()));
  }

  /** Lines {@code INDEX: HEX}; blank lines ignored; at most 32 PCRs, each given once. */
  static SortedMap<Integer, byte[]> parsePcrs(String text) throws HttpError {
    SortedMap<Integer, byte[]> pcrs = new TreeMap<>();
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int colon = trimmed.indexOf(':');
      int index;
      byte[] value;
      try {
        index = Integer.parseInt(trimmed.substring(0, Math.max(colon, 0)).strip());
        value = Hex.decode(trimmed.substring(colon + 1).strip());
      } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
        throw HttpError.badRequest("'pcrs' must be lines 'INDEX: HEX'");
      }
      if (index < 0 || index > 31 || value.length != 48) {
        throw HttpError.badRequest("'pcrs': each PCR is an index 0 to 31 and 48 bytes (96 hex digits)");
      }
      if (pcrs.put(index, value) != null) {
        throw HttpError.badRequest("'pcrs': PCR" + index + " given twice");
      }
    }
    if (pcrs.isEmpty()) {
      throw HttpError.badRequest("'pcrs' names no PCR");
    }
    return pcrs;
  }

  private static byte[] document(JsonNode body) throws HttpError {
    try {
      return EvidenceFormat.decodeText(RaRequests.text(body, "document").getBytes(StandardCharsets.US_ASCII));
    } catch (dev.castellan.attestation.MalformedEvidenceException e) {
      throw HttpError.badRequest("'document' must be the document as base64 or hex");
    }
  }

  private static ObjectNode report(List<Check> checks, boolean simulated) {
    CheckReport report = new CheckReport(checks, true);
    ObjectNode out = JSON.valueToTree(report.json());
    out.put("simulated", simulated);
    return out;
  }

  private static ObjectNode failed(AttestationException e) {
    String prefix = e.check() + ": ";
    String message = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    return report(List.of(Check.fail(e.check(), message)), false);
  }
}
