package dev.castellan.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.server.http.HttpError;
import dev.castellan.server.http.Request;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BearerTokenTest {
  private static Request with(List<String> authorization) {
    Map<String, List<String>> headers = authorization == null ? Map.of() : Map.of("authorization", authorization);
    return new Request("POST", "/v1/sign", Map.of(), headers, new byte[0]);
  }

  @Test
  void bearerBase64Url_decodes_caseInsensitiveScheme() throws Exception {
    assertThat(BearerToken.from(with(List.of("Bearer AAEC_-8")))).containsExactly(0, 1, 2, 0xff, 0xef);
    assertThat(BearerToken.from(with(List.of("bearer AAEC")))).containsExactly(0, 1, 2);
  }

  @Test
  void everyMalformedCredential_is401_withoutEchoingIt() {
    String secretish = "Basic c2VjcmV0OnBhc3N3b3Jk";
    for (List<String> header : java.util.Arrays.<List<String>>asList(null, List.of(), List.of("Bearer a", "Bearer b"), List.of(secretish),
        List.of("Bearer "), List.of("Bearer AA=="), List.of("Bearer AA+/"), List.of("Bearer " + "A".repeat(BearerToken.MAX_CHARS + 1)))) {
      assertThatThrownBy(() -> BearerToken.from(with(header))).as("%s", header)
          .isInstanceOfSatisfying(HttpError.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.getMessage()).doesNotContain("c2VjcmV0").doesNotContain("AA==");
          });
    }
  }
}
