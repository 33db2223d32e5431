package dev.castellan.keys.kms;

import dev.castellan.core.bytes.SecretBytes;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two AWS KMS calls an enclave needs, with the {@code Recipient} parameter (AWS KMS API
 * Reference, {@code Decrypt} and {@code GenerateDataKey}): AWS JSON 1.1 ({@code POST /},
 * {@code Content-Type: application/x-amz-json-1.1}, {@code X-Amz-Target: TrentService.<Op>})
 * over HTTPS, signed with {@link SignatureV4} for service {@code kms}.
 *
 * <p>Contract: the answer's plaintext only ever comes back as {@code CiphertextForRecipient},
 * opened here with the recipient's private key; an answer that carries a {@code Plaintext}
 * anyway is refused. Error answers become {@link KmsServiceException}s ({@link
 * KmsAccessDeniedException} for a key policy refusal) with the service's message, never a
 * credential. Bodies are bounded ({@link #MAX_RESPONSE_BYTES}). The endpoint MUST be {@code
 * https}; plain {@code http} is accepted only to a loopback address, where no network sees the
 * request (the tests' fake KMS).
 */
public final class KmsClient {
  public static final String SERVICE = "kms";
  public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  public static final String TARGET_PREFIX = "TrentService.";

  /**
   * A CiphertextForRecipient is at most {@link RecipientEnvelope#MAX_ENVELOPE_BYTES} (16 KiB,
   * 22 KiB in base64) and a CiphertextBlob at most 6144 bytes (8 KiB in base64); with the key
   * ARN and the field names 64 KiB is ample.
   */
  public static final int MAX_RESPONSE_BYTES = 64 * 1024;

  /** The largest CiphertextBlob KMS produces (API Reference: 1..6144 bytes). */
  public static final int MAX_CIPHERTEXT_BLOB = 6144;

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final URI endpoint;
  private final String region;
  private final AwsCredentials credentials;
  private final Clock clock;
  private final HttpClient http;

  private KmsClient(URI endpoint, String region, AwsCredentials credentials, Clock clock, HttpClient http) {
    this.endpoint = endpoint;
    this.region = region;
    this.credentials = credentials;
    this.clock = clock;
    this.http = http;
  }

  /** The regional endpoint {@code https://kms.<region>.amazonaws.com/}. */
  public static KmsClient create(String region, AwsCredentials credentials) {
    checkRegion(region);
    return create(URI.create("https://kms." + region + ".amazonaws.com/"), region, credentials, Clock.systemUTC(),
        HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build());
  }

  /** A client for another endpoint (a VPC endpoint, a proxy in the enclave, a test's fake). */
  public static KmsClient create(URI endpoint, String region, AwsCredentials credentials, Clock clock, HttpClient http) {
    checkRegion(region);
    Objects.requireNonNull(endpoint, "endpoint");
    if (endpoint.getHost() == null || !"/".equals(endpoint.getPath()) || endpoint.getQuery() != null) {
      throw new IllegalArgumentException("a KMS endpoint is scheme://host[:port]/");
    }
    boolean https = "https".equals(endpoint.getScheme());
    if (!https && !("http".equals(endpoint.getScheme()) && loopback(endpoint.getHost()))) {
      throw new IllegalArgumentException("a KMS endpoint must be https (http only to a loopback address)");
    }
    return new KmsClient(endpoint, region, Objects.requireNonNull(credentials, "credentials"),
        Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(http, "http"));
  }

  /** A data key from {@code GenerateDataKey}: the plaintext (opened in the enclave) and its ciphertext. */
  public record DataKey(SecretBytes plaintext, byte[] ciphertextBlob, String keyId) {
    public DataKey {
      ciphertextBlob = ciphertextBlob.clone();
    }

    @Override
    public byte[] ciphertextBlob() {
      return ciphertextBlob.clone();
    }
  }

  /**
   * {@code GenerateDataKey} with {@code KeySpec: AES_256}: a fresh 32-byte data key encrypted
   * under {@code keyId} (CiphertextBlob) and to {@code recipient} (CiphertextForRecipient).
   */
  public DataKey generateDataKey(String keyId, KmsRecipient recipient) throws KmsException {
    JsonNode response = send(generateDataKeyRequest(keyId, recipient));
    SecretBytes plaintext = openForRecipient("GenerateDataKey", response, recipient);
    if (plaintext.size() != 32) {
      throw new KmsException("KMS GenerateDataKey: the data key is " + plaintext.size() + " bytes, not 32 (AES_256)");
    }
    byte[] blob = KmsResponses.base64("GenerateDataKey", response, "CiphertextBlob", MAX_CIPHERTEXT_BLOB);
    return new DataKey(plaintext, blob, KmsResponses.text("GenerateDataKey", response, "KeyId"));
  }

  /**
   * {@code Decrypt} of {@code ciphertextBlob} with {@code EncryptionAlgorithm:
   * SYMMETRIC_DEFAULT}; {@code keyId}, when given, makes KMS refuse a ciphertext of another key.
   */
  public SecretBytes decrypt(byte[] ciphertextBlob, Optional<String> keyId, KmsRecipient recipient) throws KmsException {
    JsonNode response = send(decryptRequest(ciphertextBlob, keyId, recipient));
    return openForRecipient("Decrypt", response, recipient);
  }

  /** The signed {@code GenerateDataKey} request, as {@link #generateDataKey} sends it. */
  public KmsRequest generateDataKeyRequest(String keyId, KmsRecipient recipient) {
    ObjectNode body = KmsResponses.JSON.createObjectNode();
    body.put("KeyId", checkKeyId(keyId));
    body.put("KeySpec", "AES_256");
    body.set("Recipient", recipient(recipient));
    return sign("GenerateDataKey", body);
  }

  /** The signed {@code Decrypt} request, as {@link #decrypt} sends it. */
  public KmsRequest decryptRequest(byte[] ciphertextBlob, Optional<String> keyId, KmsRecipient recipient) {
    if (ciphertextBlob.length == 0 || ciphertextBlob.length > MAX_CIPHERTEXT_BLOB) {
      throw new IllegalArgumentException("a CiphertextBlob is 1.." + MAX_CIPHERTEXT_BLOB + " bytes");
    }
    ObjectNode body = KmsResponses.JSON.createObjectNode();
    body.put("CiphertextBlob", Base64.getEncoder().encodeToString(ciphertextBlob));
    keyId.ifPresent(id -> body.put("KeyId", checkKeyId(id)));
    body.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
    body.set("Recipient", recipient(recipient));
    return sign("Decrypt", body);
  }

  private static ObjectNode recipient(KmsRecipient recipient) {
    ObjectNode node = KmsResponses.JSON.createObjectNode();
    node.put("KeyEncryptionAlgorithm", KmsRecipient.KEY_ENCRYPTION_ALGORITHM);
    node.put("AttestationDocument", Base64.getEncoder().encodeToString(recipient.attestationDocument()));
    return node;
  }

  private KmsRequest sign(String operation, ObjectNode json) {
    byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
    String amzDate = AMZ_DATE.format(clock.instant());
    TreeMap<String, String> headers = new TreeMap<>();
    headers.put("content-type", CONTENT_TYPE);
    headers.put("host", hostHeader(endpoint));
    headers.put("x-amz-date", amzDate);
    headers.put("x-amz-target", TARGET_PREFIX + operation);
    credentials.sessionToken().ifPresent(token -> headers.put("x-amz-security-token", token));
    String authorization = SignatureV4.authorization(credentials, region, SERVICE, amzDate, "POST", "/", "", headers, body);
    headers.put("authorization", authorization);
    return new KmsRequest(endpoint, operation, headers, body);
  }

  private JsonNode send(KmsRequest request) throws KmsException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.endpoint()).timeout(TIMEOUT)
        .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
    // Host is set by the HTTP client from the URI, the same value that was signed.
    request.headers().forEach((name, value) -> {
      if (!name.equals("host")) {
        builder.header(name, value);
      }
    });
    String operation = request.operation();
    HttpResponse<InputStream> response;
    byte[] body;
    try {
      response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
      }
    } catch (IOException e) {
      throw new KmsException("KMS " + operation + ": could not reach " + endpoint + " (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KmsException("KMS " + operation + ": interrupted");
    }
    if (body.length > MAX_RESPONSE_BYTES) {
      throw new KmsException("KMS " + operation + ": the response exceeds " + MAX_RESPONSE_BYTES + " bytes");
    }
    if (response.statusCode() != 200) {
      throw KmsResponses.error(operation, response.statusCode(), body,
          response.headers().firstValue("x-amzn-errortype").orElse(null));
    }
    return KmsResponses.parse(operation, body);
  }

  private static SecretBytes openForRecipient(String operation, JsonNode response, KmsRecipient recipient)
      throws KmsException {
    JsonNode plaintext = response.get("Plaintext");
    if (plaintext != null && !plaintext.isNull()) {
      throw new KmsException("KMS " + operation + ": the response carries a Plaintext although a Recipient was"
          + " given; refusing it (the plaintext must only exist inside the enclave)");
    }
    byte[] envelope = KmsResponses.base64(operation, response, "CiphertextForRecipient",
        RecipientEnvelope.MAX_ENVELOPE_BYTES);
    return recipient.open(envelope);
  }

  /** {@code host} for the default port, else {@code host:port}: what the HTTP client sends. */
  static String hostHeader(URI endpoint) {
    int port = endpoint.getPort();
    boolean standard = port == -1 || ("https".equals(endpoint.getScheme()) && port == 443)
        || ("http".equals(endpoint.getScheme()) && port == 80);
    return standard ? endpoint.getHost() : endpoint.getHost() + ":" + port;
  }

  private static boolean loopback(String host) {
    if (!host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|\\[::1\\]|::1")) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  private static void checkRegion(String region) {
    if (region == null || !region.matches("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}")) {
      throw new IllegalArgumentException("an AWS region is like eu-west-1");
    }
  }

  /** A key id, key ARN, alias name or alias ARN (API Reference: 1..2048 characters). */
  static String checkKeyId(String keyId) {
    if (keyId == null || keyId.isEmpty() || keyId.length() > 2048 || !keyId.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("a KMS key id is 1..2048 printable ASCII characters");
    }
    return keyId;
  }

  @Override
  public String toString() {
    return "KmsClient[" + endpoint + ", " + region + ", " + credentials + "]";
  }
}
