package dev.castellan.server.oracle;

import dev.castellan.attestation.TeeDevice;
import dev.castellan.attestation.binding.UserData;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.signature.Bip340Signer;
import dev.castellan.core.signature.EcdsaSignatureEncoding;
import dev.castellan.core.signature.Ed25519PrivateKey;
import dev.castellan.core.signature.Secp256k1EcdsaSigner;
import dev.castellan.core.signature.Secp256k1PrivateKey;
import dev.castellan.log.AppendReceipt;
import dev.castellan.log.RecordSigner;
import dev.castellan.log.TransparencyLog;
import dev.castellan.server.ServerMetrics;
import dev.castellan.server.auth.Authorizer;
import dev.castellan.server.http.HttpError;
import dev.castellan.server.http.Request;
import dev.castellan.server.http.Response;
import dev.castellan.server.http.Route;
import dev.castellan.server.log.LogApi;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** The oracle's endpoints; see docs/http-api.md for the contract of each. */
final class OracleApi {
  /** A nonce is 1 to 64 bytes: Nitro allows up to 512, but 64 is plenty and bounds the work. */
  static final int MAX_NONCE_BYTES = 64;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TeeDevice device;
  private final OracleInfo info;
  private final Secp256k1PrivateKey signingKey;
  private final Bip340Signer bip340;
  private final Secp256k1EcdsaSigner ecdsa;
  private final UserData bootUserData;
  private final ApplicationKeySlot applicationKey;
  private final String attestationPublicKeyHex;
  private final ServerMetrics metrics;
  private final TransparencyLog log;
  private final RecordSigner recordSigner;
  private final Clock clock;
  private final String recordKeyHex;
  private final Authorizer authorizer;
  /** Both bodies are fixed for the life of a boot: built once, not per request. */
  private final byte[] infoBody;
  private final byte[] enclaveInfoBody;
  private final byte[] migrationStatusBody;

  OracleApi(
      TeeDevice device,
      OracleInfo info,
      Secp256k1PrivateKey signingKey,
      Secp256k1PrivateKey attestationKey,
      UserData userData,
      ApplicationKeySlot applicationKey,
      ServerMetrics metrics,
      TransparencyLog log,
      Ed25519PrivateKey recordKey,
      Authorizer authorizer,
      Clock clock,
      SecureRandom random) {
    this.device = device;
    this.info = info;
    this.signingKey = signingKey;
    this.bip340 = Bip340Signer.create(signingKey, random);
    this.ecdsa = Secp256k1EcdsaSigner.create(signingKey, EcdsaSignatureEncoding.DER);
    this.bootUserData = userData;
    this.applicationKey = applicationKey;
    this.attestationPublicKeyHex = Hex.encode(attestationKey.publicKey().toBytes());
    this.metrics = metrics;
    this.log = log;
    this.recordSigner = RecordSigner.ed25519(recordKey);
    this.recordKeyHex = Hex.encode(recordKey.publicKey().toSpkiDer());
    this.clock = clock;
    this.authorizer = authorizer;
    this.infoBody = JSON.writeValueAsBytes(infoBody());
    this.enclaveInfoBody = JSON.writeValueAsBytes(enclaveInfoBody());
    this.migrationStatusBody = MigrationStatus.body(device.measurement(), info);
  }

  List<Route> routes(int maxBodyBytes) {
    return List.of(
        Route.get("/enclave/attestation", this::attestation),
        Route.get("/v1/info", r -> Response.json(200, infoBody)),
        Route.post("/v1/sign", maxBodyBytes, this::sign),
        Route.get("/v1/enclave-info", r -> Response.json(200, enclaveInfoBody)),
        Route.get("/v1/migration-status", r -> Response.json(200, migrationStatusBody)),
        Route.get("/metrics", r -> Response.bytes(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape())),
        Route.get("/healthz", r -> json(JSON.createObjectNode().put("status", "ok"))));
  }

  private Response attestation(Request request) throws Exception {
    String nonceHex =
        request.queryParameter("nonce").orElseThrow(() -> HttpError.badRequest("query parameter 'nonce' (hex) is required"));
    byte[] nonce;
    try {
      nonce = Hex.decode(nonceHex);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest("'nonce' must be hex");
    }
    if (nonce.length < 1 || nonce.length > MAX_NONCE_BYTES) {
      throw HttpError.badRequest("'nonce' must be 1 to " + MAX_NONCE_BYTES + " bytes");
    }
    byte[] document = device.attest(nonce, userData());
    ObjectNode body = JSON.createObjectNode();
    body.put("platform", device.platform());
    body.put("simulated", device.simulated());
    body.put("document", Base64.getEncoder().encodeToString(document));
    return json(body);
  }

  /**
   * Authorizes ({@code sign:bip340} or {@code sign:ecdsa}), signs, then appends the signature
   * record with the token's id and waits until it is durable: a signature is returned only
   * once it is in the log (if the append fails, the signature is never sent).
   */
  private Response sign(Request request) throws Exception {
    SignRequest sign = SignRequest.parse(request);
    Authorizer.Grant grant = authorizer.authorize(request, "sign:" + sign.scheme().wireName());
    byte[] signature;
    byte[] publicKey;
    switch (sign.scheme()) {
      case BIP340 -> {
        signature = bip340.sign(sign.message());
        publicKey = signingKey.bip340PublicKey().toBytes();
      }
      case ECDSA -> {
        signature = ecdsa.signDigest(sign.message());
        publicKey = signingKey.publicKey().toBytes();
      }
      default -> throw new IllegalStateException("unknown scheme " + sign.scheme());
    }
    metrics.signature(sign.scheme().wireName());
    SignatureRecord record = new SignatureRecord(sign.scheme().wireName(), sign.message(), signature, publicKey,
        clock.instant(), grant.tokenId());
    AppendReceipt receipt = LogApi.appendDurably(log, recordSigner.sign(record.encode()));
    ObjectNode body = JSON.createObjectNode();
    body.put("scheme", sign.scheme().wireName());
    body.put("digest", Hex.encode(sign.message()));
    body.put("signature", Hex.encode(signature));
    body.put("publicKey", Hex.encode(publicKey));
    body.set("record", LogApi.receiptJson(receipt));
    return json(body);
  }

  /** The user data of one attestation: the boot's, with the application's key hash if one is registered now. */
  private byte[] userData() {
    return applicationKey.current()
        .map(app -> new UserData(bootUserData.tlsKeyHash(), app, bootUserData.attestationKeyHash()))
        .orElse(bootUserData).encode();
  }

  private ObjectNode infoBody() {
    ObjectNode body = JSON.createObjectNode();
    body.put("version", info.version());
    body.put("platform", device.platform());
    body.put("simulated", device.simulated());
    body.put("publicKey", Hex.encode(signingKey.publicKey().toBytes()));
    body.put("xOnlyPublicKey", Hex.encode(signingKey.bip340PublicKey().toBytes()));
    body.put("recordKey", recordKeyHex);
    return body;
  }

  private ObjectNode enclaveInfoBody() {
    ObjectNode body = JSON.createObjectNode();
    body.put("version", info.version());
    body.put("platform", device.platform());
    body.put("simulated", device.simulated());
    body.put("measurement", Hex.encode(device.measurement()));
    body.put("previousMeasurement", info.previousMeasurement().orElse(null));
    body.put("maintainerKey", info.maintainerKey().orElse(null));
    body.put("attestationPublicKey", attestationPublicKeyHex);
    return body;
  }

  private static Response json(ObjectNode body) {
    return Response.json(200, JSON.writeValueAsBytes(body));
  }
}
