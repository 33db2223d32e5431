package dev.castellan.attestation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.PolicyException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Nitro section of the policy JSON and the module id glob. */
class NitroReferenceTest {
  private static NitroReference parse(String nitro) throws PolicyException {
    return AppraisalPolicy.fromJson(("{\"nitro\": " + nitro + "}").getBytes(StandardCharsets.UTF_8)).nitro();
  }

  @Test
  void fromJson_everyKey_isRead() throws Exception {
    String pcr = "ab".repeat(48);
    NitroReference r = parse("""
        {"pcrs": {"0": ["%s"], "8": ["%s"]}, "moduleId": "i-*-enc*", "maxAgeSeconds": 60}""".formatted(pcr, pcr));
    assertThat(r.pcrs().keySet()).containsExactly(0, 8);
    assertThat(r.moduleId()).contains("i-*-enc*");
    assertThat(r.maxAge()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void fromJson_absentKeys_takeTheDefaults() throws Exception {
    assertThat(parse("{}")).isEqualTo(NitroReference.any());
    assertThat(NitroReference.any().maxAge()).isEqualTo(Duration.ofMinutes(5));
    assertThat(NitroReference.any().moduleId()).isEmpty();
  }

  @Test
  void fromJson_badValues_throwNamingTheKey() {
    assertThatThrownBy(() -> parse("{\"moduleId\": 7}")).isInstanceOf(PolicyException.class)
        .hasMessageContaining("nitro.moduleId");
    assertThatThrownBy(() -> parse("{\"moduleId\": \"\"}")).isInstanceOf(PolicyException.class)
        .hasMessageContaining("nitro.moduleId");
    assertThatThrownBy(() -> parse("{\"moduleId\": \"has space\"}")).isInstanceOf(PolicyException.class);
    assertThatThrownBy(() -> parse("{\"moduleId\": \"" + "a".repeat(257) + "\"}")).isInstanceOf(PolicyException.class);
    assertThatThrownBy(() -> parse("{\"maxAgeSeconds\": -1}")).isInstanceOf(PolicyException.class)
        .hasMessageContaining("maxAgeSeconds");
    assertThatThrownBy(() -> parse("{\"maxAgeSeconds\": \"PT5M\"}")).isInstanceOf(PolicyException.class);
    assertThatThrownBy(() -> parse("{\"maxAgeSeconds\": 2000000000}")).isInstanceOf(PolicyException.class)
        .hasMessageContaining("too large");
    assertThatThrownBy(() -> parse("{\"maxAge\": 300}")).isInstanceOf(PolicyException.class)
        .hasMessageContaining("unknown member");
  }

  @Test
  void withers_validateLikeTheJson() {
    assertThatThrownBy(() -> NitroReference.any().withPcr(32, List.of(ByteString.of(new byte[48]))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NitroReference.any().withPcr(1, List.of(ByteString.of(new byte[32]))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NitroReference.any().withMaxAge(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NitroReference.any().withModuleId("")).isInstanceOf(IllegalArgumentException.class);
    NitroReference r = NitroReference.any().withPcr(3, List.of(ByteString.of(new byte[48])))
        .withModuleId("i-*").withMaxAge(Duration.ZERO);
    assertThat(r.pcrs()).containsOnlyKeys(3);
    assertThat(r.withPcr(3, List.of()).pcrs().get(3)).isEmpty();
  }

  @Test
  void glob_isAnchoredAndStarMatchesAnyRun() {
    assertThat(NitroReference.globMatches("i-*-enc*", "i-04fd-enc0184")).isTrue();
    assertThat(NitroReference.globMatches("i-*-enc*", "xi-04fd-enc0184")).isFalse();
    assertThat(NitroReference.globMatches("i-04fd", "i-04fd-enc0184")).isFalse();
    assertThat(NitroReference.globMatches("*enc0184", "i-04fd-enc0184")).isTrue();
    assertThat(NitroReference.globMatches("*enc018", "i-04fd-enc0184")).isFalse();
    assertThat(NitroReference.globMatches("*", "")).isTrue();
    assertThat(NitroReference.globMatches("a*b*c", "abxbc")).isTrue();
    assertThat(NitroReference.globMatches("a*b*c", "acb")).isFalse();
    assertThat(NitroReference.globMatches(".", "x")).isFalse();
  }

  @Test
  void glob_pathologicalPattern_finishesQuickly() {
    String pattern = "a*".repeat(128);
    String input = "a".repeat(10_000) + "b";
    long start = System.nanoTime();
    assertThat(NitroReference.globMatches(pattern + "c", input)).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  /** Every pattern over {a, b, *} up to 5 characters against every {a, b} string up to 6, versus a regex. */
  @Test
  void glob_agreesWithAnAnchoredRegexReference_exhaustively() {
    List<String> patterns = words("ab*", 5);
    List<String> inputs = words("ab", 6);
    List<String> disagreements = new java.util.ArrayList<>();
    for (String pattern : patterns) {
      java.util.regex.Pattern reference = java.util.regex.Pattern.compile(pattern.replace("*", ".*"));
      for (String input : inputs) {
        if (NitroReference.globMatches(pattern, input) != reference.matcher(input).matches()) {
          disagreements.add(pattern + " ~ " + input);
        }
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(patterns).hasSize(364);
  }

  private static List<String> words(String alphabet, int maxLength) {
    List<String> out = new java.util.ArrayList<>(List.of(""));
    List<String> previous = List.of("");
    for (int length = 1; length <= maxLength; length++) {
      List<String> next = new java.util.ArrayList<>();
      for (String w : previous) {
        for (char c : alphabet.toCharArray()) {
          next.add(w + c);
        }
      }
      out.addAll(next);
      previous = next;
    }
    return out;
  }
}
