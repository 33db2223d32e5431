package dev.castellan.keys.kms;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.NitroClaims;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.core.bytes.ConstantTime;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake AWS KMS on loopback, for tests only: it checks the SigV4 signature with the same
 * secret, verifies the Recipient's attestation document with the production {@link
 * NitroVerifier} against the simulator's root, applies a one-line key policy (decrypt and
 * generate only when PCR0 equals the pinned value), and answers with a CMS EnvelopedData built
 * by BouncyCastle to the document's {@code public_key}. Its CiphertextBlob is its own format
 * (AES-GCM under a master key, the key ARN as associated data), not AWS's.
 */
final class FakeKms implements AutoCloseable {
  static final String REGION = "eu-west-1";
  static final String KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final Pattern AUTHORIZATION = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([A-Z0-9]+)/(\\d{8})/([a-z0-9-]+)/kms/aws4_request, SignedHeaders=([a-z0-9;-]+),"
          + " Signature=([0-9a-f]{64})");

  private final HttpServer server;
  private final AwsCredentials credentials;
  private final TrustAnchors anchors;
  private final byte[] masterKey = new byte[32];
  private final SecureRandom random = new SecureRandom();
  volatile byte[] pinnedPcr0;
  final AtomicInteger requests = new AtomicInteger();
  volatile JsonNode lastRequest;

  FakeKms(AwsCredentials credentials, TrustAnchors anchors, byte[] pinnedPcr0) throws IOException {
    this.credentials = credentials;
    this.anchors = anchors;
    this.pinnedPcr0 = pinnedPcr0.clone();
    random.nextBytes(masterKey);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange; InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(256 * 1024);
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      if (!"POST".equals(exchange.getRequestMethod())
          || !KmsClient.CONTENT_TYPE.equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
        answer(exchange, 400, error("SerializationException", "not AWS JSON 1.1"));
        return;
      }
      if (!signatureValid(exchange, body)) {
        answer(exchange, 400, error("InvalidSignatureException", "The request signature we calculated does not match"));
        return;
      }
      JsonNode request = KmsResponses.JSON.readTree(body);
      lastRequest = request;
      switch (target) {
        case "TrentService.GenerateDataKey" -> generateDataKey(exchange, request);
        case "TrentService.Decrypt" -> decrypt(exchange, request);
        default -> answer(exchange, 400, error("UnknownOperationException", ""));
      }
    } catch (Exception e) {
      answer(exchange, 500, error("KMSInternalException", e.getClass().getSimpleName()));
    }
  }

  private boolean signatureValid(HttpExchange exchange, byte[] body) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    Matcher m = authorization == null ? null : AUTHORIZATION.matcher(authorization);
    if (m == null || !m.matches() || !m.group(1).equals(credentials.accessKeyId()) || !m.group(3).equals(REGION)) {
      return false;
    }
    String amzDate = exchange.getRequestHeaders().getFirst("X-Amz-Date");
    if (amzDate == null || !amzDate.startsWith(m.group(2))) {
      return false;
    }
    Map<String, String> signed = new LinkedHashMap<>();
    for (String name : m.group(4).split(";")) {
      String value = exchange.getRequestHeaders().getFirst(name);
      if (value == null) {
        return false;
      }
      signed.put(name, value);
    }
    if (!signed.containsKey("host") || !signed.containsKey("x-amz-target") || !signed.containsKey("content-type")) {
      return false;
    }
    String expected = SignatureV4.expectedSignature(credentials.secretAccessKey(), REGION, "kms", amzDate, "POST",
        "/", "", signed, body);
    return ConstantTime.equals(expected.getBytes(StandardCharsets.US_ASCII), m.group(5).getBytes(StandardCharsets.US_ASCII));
  }

  /** The recipient's public key if the document verifies and its PCR0 is the pinned one, else null (answered). */
  private PublicKey admit(HttpExchange exchange, JsonNode request, String operation) throws Exception {
    JsonNode recipient = request.get("Recipient");
    if (recipient == null || !"RSAES_OAEP_SHA_256".equals(recipient.get("KeyEncryptionAlgorithm").stringValue())) {
      answer(exchange, 400, error("ValidationException", "Recipient is required"));
      return null;
    }
    byte[] document = Base64.getDecoder().decode(recipient.get("AttestationDocument").stringValue());
    NitroClaims claims;
    try {
      claims = (NitroClaims) NitroVerifier.create(anchors).verify(Evidence.of(Platform.NITRO, document),
          VerificationRequest.at(Instant.now(), Freshness.none())).claims();
    } catch (Exception e) {
      answer(exchange, 400, error("ValidationException", "the attestation document does not verify"));
      return null;
    }
    byte[] pcr0 = claims.pcr(0).orElseThrow().toByteArray();
    if (!Arrays.equals(pcr0, pinnedPcr0)) {
      answer(exchange, 400, error("AccessDeniedException", "User: arn:aws:sts::111122223333:assumed-role/enclave is"
          + " not authorized to perform: kms:" + operation + " on resource: " + KEY_ARN
          + " because no resource-based policy allows the kms:" + operation + " action"));
      return null;
    }
    return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(claims.publicKey().orElseThrow().toByteArray()));
  }

  private void generateDataKey(HttpExchange exchange, JsonNode request) throws Exception {
    if (!KEY_ARN.equals(request.get("KeyId").stringValue()) || !"AES_256".equals(request.get("KeySpec").stringValue())) {
      answer(exchange, 400, error("NotFoundException", "Key '" + request.get("KeyId").stringValue() + "' does not exist"));
      return;
    }
    PublicKey recipient = admit(exchange, request, "GenerateDataKey");
    if (recipient == null) {
      return;
    }
    byte[] dataKey = new byte[32];
    random.nextBytes(dataKey);
    ObjectNode response = KmsResponses.JSON.createObjectNode();
    response.put("CiphertextBlob", Base64.getEncoder().encodeToString(wrap(dataKey)));
    response.put("KeyId", KEY_ARN);
    response.put("CiphertextForRecipient", Base64.getEncoder().encodeToString(TestEnvelopes.kmsBer(dataKey, recipient)));
    answer(exchange, 200, response.toString());
  }

  private void decrypt(HttpExchange exchange, JsonNode request) throws Exception {
    JsonNode keyId = request.get("KeyId");
    if (keyId != null && !KEY_ARN.equals(keyId.stringValue())) {
      answer(exchange, 400, error("IncorrectKeyException", "The key ID in the request does not identify a KMS key"
          + " that can perform this operation"));
      return;
    }
    PublicKey recipient = admit(exchange, request, "Decrypt");
    if (recipient == null) {
      return;
    }
    byte[] plaintext;
    try {
      plaintext = unwrap(Base64.getDecoder().decode(request.get("CiphertextBlob").stringValue()));
    } catch (Exception e) {
      answer(exchange, 400, error("InvalidCiphertextException", ""));
      return;
    }
    ObjectNode response = KmsResponses.JSON.createObjectNode();
    response.put("KeyId", KEY_ARN);
    response.put("CiphertextForRecipient", Base64.getEncoder().encodeToString(TestEnvelopes.kmsBer(plaintext, recipient)));
    response.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
    answer(exchange, 200, response.toString());
  }

  private byte[] wrap(byte[] plaintext) throws Exception {
    byte[] nonce = new byte[12];
    random.nextBytes(nonce);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new GCMParameterSpec(128, nonce));
    gcm.updateAAD(KEY_ARN.getBytes(StandardCharsets.US_ASCII));
    byte[] ciphertext = gcm.doFinal(plaintext);
    return ByteBuffer.allocate(12 + ciphertext.length).put(nonce).put(ciphertext).array();
  }

  private byte[] unwrap(byte[] blob) throws Exception {
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new GCMParameterSpec(128, blob, 0, 12));
    gcm.updateAAD(KEY_ARN.getBytes(StandardCharsets.US_ASCII));
    return gcm.doFinal(blob, 12, blob.length - 12);
  }

  private static String error(String type, String message) {
    ObjectNode node = KmsResponses.JSON.createObjectNode();
    node.put("__type", type);
    node.put("message", message);
    return node.toString();
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", KmsClient.CONTENT_TYPE);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }

}
