package dev.castellan.keys.kms;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.hash.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 (AWS IAM User Guide, "Create a signed AWS API request"), pure
 * functions: the canonical request, the string to sign, the derived signing key {@code
 * kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" ‖ secret, date), region), service), "aws4_request")}
 * and the {@code Authorization} header. The caller gives the path and query already in
 * canonical (URI-encoded, sorted) form: KMS requests are {@code POST /} with no query.
 */
public final class SignatureV4 {
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";

  private SignatureV4() {}

  /**
   * The {@code Authorization} header value for a request with {@code headers} (which MUST
   * include {@code host} and {@code x-amz-date}; every header given is signed).
   *
   * @param amzDate the request time, {@code yyyyMMdd'T'HHmmss'Z'}, equal to the x-amz-date header
   */
  public static String authorization(AwsCredentials credentials, String region, String service, String amzDate,
      String method, String canonicalPath, String canonicalQuery, Map<String, String> headers, byte[] payload) {
    SortedMap<String, String> canonical = canonicalHeaders(headers);
    if (!canonical.containsKey("host") || !amzDate.equals(canonical.get("x-amz-date"))) {
      throw new IllegalArgumentException("a signed request needs host and x-amz-date (equal to the signing time)");
    }
    String scope = scope(amzDate, region, service);
    String request = canonicalRequest(method, canonicalPath, canonicalQuery, canonical, payload);
    String signature = signature(credentials.secretAccessKey(), amzDate, region, service, stringToSign(amzDate, scope, request));
    return ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope + ", SignedHeaders="
        + signedHeaders(canonical) + ", Signature=" + signature;
  }

  /** Lower-case names, values trimmed with inner runs of spaces collapsed, sorted by name. */
  static SortedMap<String, String> canonicalHeaders(Map<String, String> headers) {
    SortedMap<String, String> out = new TreeMap<>();
    headers.forEach((name, value) -> out.put(name.toLowerCase(Locale.ROOT), value.strip().replaceAll(" +", " ")));
    return out;
  }

  static String signedHeaders(SortedMap<String, String> canonical) {
    return String.join(";", canonical.keySet());
  }

  static String canonicalRequest(String method, String canonicalPath, String canonicalQuery,
      SortedMap<String, String> canonical, byte[] payload) {
    StringBuilder out = new StringBuilder();
    out.append(method).append('\n').append(canonicalPath).append('\n').append(canonicalQuery).append('\n');
    canonical.forEach((name, value) -> out.append(name).append(':').append(value).append('\n'));
    out.append('\n').append(signedHeaders(canonical)).append('\n').append(Hex.encode(HashAlgorithm.SHA_256.hash(payload)));
    return out.toString();
  }

  static String scope(String amzDate, String region, String service) {
    return amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
  }

  static String stringToSign(String amzDate, String scope, String canonicalRequest) {
    return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
        + Hex.encode(HashAlgorithm.SHA_256.hash(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] signingKey(SecretBytes secret, String date, String region, String service) {
    byte[] secretBytes = secret.toByteArray();
    byte[] first = new byte[4 + secretBytes.length];
    System.arraycopy("AWS4".getBytes(StandardCharsets.US_ASCII), 0, first, 0, 4);
    System.arraycopy(secretBytes, 0, first, 4, secretBytes.length);
    Arrays.fill(secretBytes, (byte) 0);
    byte[] key = hmac(first, date);
    Arrays.fill(first, (byte) 0);
    for (String part : new String[] {region, service, "aws4_request"}) {
      byte[] next = hmac(key, part);
      Arrays.fill(key, (byte) 0);
      key = next;
    }
    return key;
  }

  static String signature(SecretBytes secret, String amzDate, String region, String service, String stringToSign) {
    byte[] key = signingKey(secret, amzDate.substring(0, 8), region, service);
    try {
      return Hex.encode(hmac(key, stringToSign));
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** For a verifier holding the same secret (the tests' fake KMS): the expected signature. */
  static String expectedSignature(SecretBytes secret, String region, String service, String amzDate, String method,
      String canonicalPath, String canonicalQuery, Map<String, String> signedHeaders, byte[] payload) {
    SortedMap<String, String> canonical = canonicalHeaders(signedHeaders);
    String request = canonicalRequest(method, canonicalPath, canonicalQuery, canonical, payload);
    return signature(secret, amzDate, region, service, stringToSign(amzDate, scope(amzDate, region, service), request));
  }
}
