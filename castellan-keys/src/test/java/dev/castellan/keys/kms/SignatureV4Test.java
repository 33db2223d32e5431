package dev.castellan.keys.kms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * Signature Version 4 against the worked examples of the AWS documentation. The values below
 * are facts stated there: the IAM {@code ListUsers} example of the General Reference's
 * "Signature Version 4 signing process" (canonical request hash {@code f536975d…}, signature
 * {@code 5d672d79…}) and the S3 {@code GET Object} example of "Authenticating Requests (AWS
 * Signature Version 4)" (canonical request hash {@code 7344ae5b…}, signature {@code f0e8bdb8…}).
 */
class SignatureV4Test {
  static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void authorization_iamListUsersExample_matchesDocumentedSignature() {
    AwsCredentials credentials = AwsCredentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", "iam.amazonaws.com");
    headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    headers.put("X-Amz-Date", "20150830T123600Z");
    String query = "Action=ListUsers&Version=2010-05-08";

    String canonical = SignatureV4.canonicalRequest("GET", "/", query, SignatureV4.canonicalHeaders(headers), new byte[0]);
    String authorization = SignatureV4.authorization(credentials, "us-east-1", "iam", "20150830T123600Z",
        "GET", "/", query, headers, new byte[0]);

    assertThat(canonical).isEqualTo("GET\n/\nAction=ListUsers&Version=2010-05-08\n"
        + "content-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\n"
        + "x-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n" + EMPTY_SHA256);
    assertThat(Hex.encode(HashAlgorithm.SHA_256.hash(canonical.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
    assertThat(authorization).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request,"
        + " SignedHeaders=content-type;host;x-amz-date,"
        + " Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
  }

  @Test
  void authorization_s3GetObjectExample_matchesDocumentedSignature() {
    AwsCredentials credentials = AwsCredentials.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", "examplebucket.s3.amazonaws.com");
    headers.put("Range", "bytes=0-9");
    headers.put("x-amz-content-sha256", EMPTY_SHA256);
    headers.put("x-amz-date", "20130524T000000Z");

    SortedMap<String, String> canonicalHeaders = SignatureV4.canonicalHeaders(headers);
    String canonical = SignatureV4.canonicalRequest("GET", "/test.txt", "", canonicalHeaders, new byte[0]);
    String authorization = SignatureV4.authorization(credentials, "us-east-1", "s3", "20130524T000000Z",
        "GET", "/test.txt", "", headers, new byte[0]);

    assertThat(Hex.encode(HashAlgorithm.SHA_256.hash(canonical.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
    assertThat(authorization).endsWith("SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
        + " Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  }

  @Test
  void authorization_changedPayload_changesSignature() {
    AwsCredentials credentials = AwsCredentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    Map<String, String> headers = Map.of("host", "kms.eu-west-1.amazonaws.com", "x-amz-date", "20261121T090000Z");
    String a = SignatureV4.authorization(credentials, "eu-west-1", "kms", "20261121T090000Z", "POST", "/", "", headers,
        "{}".getBytes(StandardCharsets.UTF_8));
    String b = SignatureV4.authorization(credentials, "eu-west-1", "kms", "20261121T090000Z", "POST", "/", "", headers,
        "{ }".getBytes(StandardCharsets.UTF_8));
    assertThat(a).isNotEqualTo(b).doesNotContain("wJalrXUtnFEMI");
  }

  @Test
  void credentials_toString_neverShowsSecretOrToken() {
    AwsCredentials credentials = new AwsCredentials("AKIDEXAMPLE12345", dev.castellan.core.bytes.SecretBytes.copyOf(
        "secret-value".getBytes(StandardCharsets.UTF_8)), java.util.Optional.of("TOKENVALUE"));
    assertThat(credentials.toString()).isEqualTo("AwsCredentials[AKIDEXAMPLE12345, temporary]");
  }

  @Test
  void credentials_fromEnvironmentWithoutSecret_namesTheVariable() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> AwsCredentials.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE12345")))
        .hasMessage("AWS credentials: AWS_SECRET_ACCESS_KEY is not set");
  }
}
