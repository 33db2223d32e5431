package dev.castellan.keys.kms;

import dev.castellan.core.bytes.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * AWS credentials for Signature Version 4: an access key id, its secret access key and, for
 * temporary credentials (an instance role, as inside an enclave via IMDS), the session token.
 * The secret is a {@link SecretBytes}; {@link #toString()} shows the access key id only; the
 * token is never printed either.
 *
 * @param accessKeyId 4..128 characters A-Z, 0-9 (IAM issues 16..128; the AWS examples use 11)
 * @param secretAccessKey 1..128 bytes
 * @param sessionToken empty for long-term keys; at most 8192 characters
 */
public record AwsCredentials(String accessKeyId, SecretBytes secretAccessKey, Optional<String> sessionToken) {
  public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  public static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  public static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";

  /** Session tokens of STS are a few hundred to ~2,000 characters; 8 KiB bounds them. */
  public static final int MAX_SESSION_TOKEN = 8192;

  public AwsCredentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(sessionToken, "sessionToken");
    if (!accessKeyId.matches("[A-Z0-9]{4,128}")) {
      throw new IllegalArgumentException("an AWS access key id is 4..128 characters A-Z, 0-9");
    }
    if (secretAccessKey.size() == 0 || secretAccessKey.size() > 128) {
      throw new IllegalArgumentException("an AWS secret access key is 1..128 bytes");
    }
    sessionToken.ifPresent(token -> {
      if (token.isEmpty() || token.length() > MAX_SESSION_TOKEN || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException("an AWS session token is 1.." + MAX_SESSION_TOKEN + " printable ASCII characters");
      }
    });
  }

  /** Long-term credentials without a session token. */
  public static AwsCredentials of(String accessKeyId, String secretAccessKey) {
    return new AwsCredentials(accessKeyId, SecretBytes.copyOf(secretAccessKey.getBytes(StandardCharsets.UTF_8)),
        Optional.empty());
  }

  /**
   * From {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and the optional {@code
   * AWS_SESSION_TOKEN} of {@code environment} (pass {@code System.getenv()}).
   *
   * @throws KmsException naming the missing or malformed variable (never its value)
   */
  public static AwsCredentials fromEnvironment(Map<String, String> environment) throws KmsException {
    String id = environment.get(ACCESS_KEY_ID);
    String secret = environment.get(SECRET_ACCESS_KEY);
    if (id == null || id.isEmpty()) {
      throw new KmsException("AWS credentials: " + ACCESS_KEY_ID + " is not set");
    }
    if (secret == null || secret.isEmpty()) {
      throw new KmsException("AWS credentials: " + SECRET_ACCESS_KEY + " is not set");
    }
    String token = environment.get(SESSION_TOKEN);
    try {
      return new AwsCredentials(id, SecretBytes.copyOf(secret.getBytes(StandardCharsets.UTF_8)),
          token == null || token.isEmpty() ? Optional.empty() : Optional.of(token));
    } catch (IllegalArgumentException e) {
      throw new KmsException("AWS credentials from the environment are malformed: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "AwsCredentials[" + accessKeyId + (sessionToken.isPresent() ? ", temporary" : "") + "]";
  }
}
