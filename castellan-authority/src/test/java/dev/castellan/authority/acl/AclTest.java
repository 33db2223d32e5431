package dev.castellan.authority.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AclTest {
  static byte[] json(String text) {
    return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void fromJson_seedExample_parses() throws Exception {
    Acl acl = Acl.fromJson(json("{'version': 1, 'subjects': {'vm-7': ['luks:unlock', 'net:update'], 'policy-pd': []}}"));
    assertThat(acl.allowed("vm-7").orElseThrow()).containsExactly(Scope.of("luks:unlock"), Scope.of("net:update"));
    assertThat(acl.allowed("policy-pd").orElseThrow()).isEmpty();
    assertThat(acl.allowed("vm-8")).isEmpty();
  }

  @Test
  void fromJson_unknownMember_refused() {
    assertThatThrownBy(() -> Acl.fromJson(json("{'version': 1, 'subjects': {}, 'subject': {}}")))
        .isInstanceOf(AclFormatException.class).hasMessageContaining("unknown member");
  }

  @Test
  void fromJson_duplicateSubject_refused() {
    assertThatThrownBy(() -> Acl.fromJson(json("{'version': 1, 'subjects': {'vm-7': ['a:b'], 'vm-7': ['luks:unlock']}}")))
        .isInstanceOf(AclFormatException.class).hasMessageContaining("twice");
  }

  @Test
  void fromJson_duplicateTopLevelKey_refused() {
    assertThatThrownBy(() -> Acl.fromJson(json("{'version': 1, 'subjects': {'vm-7': ['a:b']}, 'subjects': {}}")))
        .isInstanceOf(AclFormatException.class).hasMessageContaining("twice");
  }

  @Test
  void fromJson_scopeListedTwice_refused() {
    assertThatThrownBy(() -> Acl.fromJson(json("{'version': 1, 'subjects': {'vm-7': ['a:b', 'a:b']}}")))
        .isInstanceOf(AclFormatException.class).hasMessageContaining("subjects.vm-7[1]").hasMessageContaining("twice");
  }

  @Test
  void fromJson_badScopeNames_refusedWithoutEchoingThem() {
    for (String bad : new String[] {"LUKS:unlock", "luks", "luks:", ":unlock", "luks:un:lock", "luks:*", "luks unlock",
        "a".repeat(33) + ":b"}) {
      assertThatThrownBy(() -> Acl.fromJson(json("{'version': 1, 'subjects': {'vm-7': ['" + bad + "']}}")))
          .as(bad).isInstanceOf(AclFormatException.class).hasMessageContaining("resource:action")
          .hasMessageNotContaining(bad);
    }
    assertThatThrownBy(() -> Acl.fromJson(json("{'version': 1, 'subjects': {'vm-7': [7]}}")))
        .isInstanceOf(AclFormatException.class);
  }

  @Test
  void fromJson_badSubject_refused() {
    assertThatThrownBy(() -> Acl.fromJson(json("{'version': 1, 'subjects': {'../vm': ['a:b']}}")))
        .isInstanceOf(AclFormatException.class).hasMessageNotContaining("../vm");
  }

  @Test
  void fromJson_wrongVersionOrShape_refused() {
    assertThatThrownBy(() -> Acl.fromJson(json("{'subjects': {}}"))).hasMessageContaining("version");
    assertThatThrownBy(() -> Acl.fromJson(json("{'version': 2, 'subjects': {}}"))).hasMessageContaining("version");
    assertThatThrownBy(() -> Acl.fromJson(json("{'version': 1, 'subjects': []}"))).isInstanceOf(AclFormatException.class);
    assertThatThrownBy(() -> Acl.fromJson(json("[]"))).isInstanceOf(AclFormatException.class);
    assertThatThrownBy(() -> Acl.fromJson(json("{'version': 1, 'subjects': {}} {}"))).isInstanceOf(AclFormatException.class);
    assertThatThrownBy(() -> Acl.fromJson(json("{'version': 1,"))).hasMessageContaining("not valid JSON");
  }

  @Test
  void fromJson_oversizeFile_refused() {
    StringBuilder big = new StringBuilder("{'version': 1, 'subjects': {'vm-7': ['a:b']}, 'pad': '");
    big.append("x".repeat(1 << 20)).append("'}");
    assertThatThrownBy(() -> Acl.fromJson(json(big.toString())))
        .isInstanceOf(AclFormatException.class).hasMessageContaining("at most 1048576");
  }

  @Test
  void fromJson_tooManyScopesOrSubjects_refused() {
    StringBuilder scopes = new StringBuilder();
    for (int i = 0; i <= Acl.MAX_SCOPES_PER_SUBJECT; i++) {
      scopes.append(i == 0 ? "" : ",").append("'s").append(i).append(":x'");
    }
    assertThatThrownBy(() -> Acl.fromJson(json("{'version': 1, 'subjects': {'vm-7': [" + scopes + "]}}")))
        .hasMessageContaining("at most 64");
    StringBuilder subjects = new StringBuilder();
    for (int i = 0; i <= Acl.MAX_SUBJECTS; i++) {
      subjects.append(i == 0 ? "" : ",").append("'vm-").append(i).append("': []");
    }
    assertThatThrownBy(() -> Acl.fromJson(json("{'version': 1, 'subjects': {" + subjects + "}}")))
        .hasMessageContaining("at most 10000");
  }

  @Test
  void fromFile_readsTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("acl.json");
    Files.write(file, json("{'version': 1, 'subjects': {'vm-7': ['net:update']}}"));
    assertThat(Acl.fromFile(file).allowed("vm-7").orElseThrow()).containsExactly(Scope.of("net:update"));
  }

  @Test
  void scope_grammar() {
    assertThat(Scope.of("luks:unlock").isUnlock()).isTrue();
    assertThat(Scope.of("net:update").isUnlock()).isFalse();
    assertThat(Scope.of("log_2:append-x").resource()).isEqualTo("log_2");
    assertThatThrownBy(() -> Scope.of("Net:update")).isInstanceOf(IllegalArgumentException.class);
  }
}
