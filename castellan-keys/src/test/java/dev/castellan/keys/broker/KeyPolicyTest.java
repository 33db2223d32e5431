package dev.castellan.keys.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.hash.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyPolicyTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void parse_validPolicy_keepsAdminsPoliciesAndTheDigestOfTheExactBytes() throws Exception {
    byte[] json = BrokerFixture.policy(7);
    KeyPolicy policy = KeyPolicy.parse(json);
    assertThat(policy.admins()).containsExactly("alice");
    assertThat(policy.administeredBy("alice")).isTrue();
    assertThat(policy.administeredBy("bob")).isFalse();
    assertThat(policy.decrypt()).isPresent();
    assertThat(policy.release().orElseThrow().acceptSimulated()).isTrue();
    assertThat(policy.digest()).isEqualTo(HashAlgorithm.SHA_256.hash(json));
    assertThat(policy.bytes()).isEqualTo(json);
  }

  @Test
  void parse_nullRelease_permitsNoRelease() throws Exception {
    KeyPolicy policy = KeyPolicy.parse(utf8("{\"version\": 1, \"admins\": [], \"decrypt\": {}, \"release\": null}"));
    assertThat(policy.release()).isEmpty();
    assertThat(policy.decrypt()).isPresent();
  }

  @Test
  void parse_malformedPolicies_throwNamingBrokerPolicy() {
    List<String> bad = List.of(
        "",
        "[]",
        "{\"version\": 1, \"admins\": [], \"decrypt\": {}}",
        "{\"version\": 2, \"admins\": [], \"decrypt\": {}, \"release\": {}}",
        "{\"version\": 1, \"admins\": [], \"decrypt\": {}, \"release\": {}, \"grants\": [\"bob\"]}",
        "{\"version\": 1, \"version\": 1, \"admins\": [], \"decrypt\": {}, \"release\": {}}",
        "{\"version\": 1, \"admins\": [\"a\", \"a\"], \"decrypt\": {}, \"release\": {}}",
        "{\"version\": 1, \"admins\": [\"a b\"], \"decrypt\": {}, \"release\": {}}",
        "{\"version\": 1, \"admins\": [], \"decrypt\": {\"allowDebugs\": true}, \"release\": {}}",
        "{\"version\": 1, \"admins\": [], \"decrypt\": \"any\", \"release\": {}}",
        "{\"version\": 1, \"admins\": [], \"decrypt\": {}, \"release\": {}} {}");
    List<String> accepted = new ArrayList<>();
    for (String json : bad) {
      try {
        KeyPolicy.parse(utf8(json));
        accepted.add(json);
      } catch (BrokerException e) {
        assertThat(e.check()).isEqualTo(KeyPolicy.CHECK);
        assertThat(e.kind()).isEqualTo(BrokerException.Kind.BAD_INPUT);
      }
    }
    assertThat(accepted).isEmpty();
  }

  @Test
  void adminActions_areExactlyCreatePutPolicyDeleteLock_neverDecryptOrRelease() {
    assertThat(java.util.Arrays.stream(KeyPolicy.AdminAction.values()).map(KeyPolicy.AdminAction::wireName))
        .containsExactly("create", "put-policy", "delete", "lock");
  }

  @Test
  void parse_tooLarge_throws() {
    byte[] big = new byte[KeyPolicy.MAX_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    assertThatThrownBy(() -> KeyPolicy.parse(big)).isInstanceOf(BrokerException.class).hasMessageContaining("65536");
  }
}
