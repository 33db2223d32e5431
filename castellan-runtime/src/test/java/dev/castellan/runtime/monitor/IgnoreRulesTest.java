package dev.castellan.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgnoreRulesTest {
  private static IgnoreRules rules(String... lines) {
    return IgnoreRules.parse(List.of(lines));
  }

  @Test
  void ignored_commentsAndBlankLines_matchNothing() {
    IgnoreRules rules = rules("# *.log", "", "   ", "#");
    assertThat(rules.ignored("a.log", false)).isFalse();
    assertThat(rules.ignored("#", false)).isFalse();
  }

  @Test
  void ignored_starWithoutSlash_matchesNameAtAnyDepthWithinOneSegment() {
    IgnoreRules rules = rules("*.log");
    assertThat(rules.ignored("a.log", false)).isTrue();
    assertThat(rules.ignored("x/y/a.log", false)).isTrue();
    assertThat(rules.ignored("a.log.txt", false)).isFalse();
    assertThat(rules.ignored("a.logs/b", false)).isFalse();
  }

  @Test
  void ignored_questionMark_matchesOneCharacter() {
    IgnoreRules rules = rules("file?.txt");
    assertThat(rules.ignored("file1.txt", false)).isTrue();
    assertThat(rules.ignored("file12.txt", false)).isFalse();
    assertThat(rules.ignored("file/.txt", false)).isFalse();
  }

  @Test
  void ignored_patternWithSlash_isAnchoredAtTheRoot() {
    IgnoreRules rules = rules("build/out", "/tmp");
    assertThat(rules.ignored("build/out", false)).isTrue();
    assertThat(rules.ignored("x/build/out", false)).isFalse();
    assertThat(rules.ignored("tmp", false)).isTrue();
    assertThat(rules.ignored("x/tmp", false)).isFalse();
  }

  @Test
  void ignored_starDoesNotCrossSlash() {
    IgnoreRules rules = rules("src/*.tmp");
    assertThat(rules.ignored("src/a.tmp", false)).isTrue();
    assertThat(rules.ignored("src/sub/a.tmp", false)).isFalse();
  }

  @Test
  void ignored_doubleStar_matchesAnyNumberOfSegments() {
    IgnoreRules leading = rules("**/cache");
    assertThat(leading.ignored("cache", false)).isTrue();
    assertThat(leading.ignored("a/b/cache", false)).isTrue();
    IgnoreRules trailing = rules("logs/**");
    assertThat(trailing.ignored("logs/a", false)).isTrue();
    assertThat(trailing.ignored("logs/a/b.txt", false)).isTrue();
    assertThat(trailing.ignored("logs", true)).isFalse();
    IgnoreRules middle = rules("a/**/b");
    assertThat(middle.ignored("a/b", false)).isTrue();
    assertThat(middle.ignored("a/x/y/b", false)).isTrue();
    assertThat(middle.ignored("a/x/y/c", false)).isFalse();
  }

  @Test
  void ignored_trailingSlash_matchesDirectoriesAndEverythingBeneath() {
    IgnoreRules rules = rules("target/");
    assertThat(rules.ignored("target", true)).isTrue();
    assertThat(rules.ignored("target", false)).isFalse();
    assertThat(rules.ignored("target/classes/A.class", false)).isTrue();
    assertThat(rules.ignored("module/target/x", false)).isTrue();
  }

  @Test
  void ignored_negation_reincludesAndLastMatchWins() {
    IgnoreRules rules = rules("*.log", "!keep.log");
    assertThat(rules.ignored("a.log", false)).isTrue();
    assertThat(rules.ignored("keep.log", false)).isFalse();
    IgnoreRules reversed = rules("!keep.log", "*.log");
    assertThat(reversed.ignored("keep.log", false)).isTrue();
  }

  @Test
  void ignored_negationBeneathAnIgnoredDirectory_staysIgnored() {
    IgnoreRules rules = rules("secret/", "!secret/keep.txt");
    assertThat(rules.ignored("secret/keep.txt", false)).isTrue();
  }

  @Test
  void ignored_trailingSpacesAndSpecialCharacters_areLiteral() {
    IgnoreRules rules = rules("a+b(1).txt   ");
    assertThat(rules.ignored("a+b(1).txt", false)).isTrue();
    assertThat(rules.ignored("aab(1).txt", false)).isFalse();
  }

  @Test
  void read_tooManyPatterns_throws(@TempDir Path dir) throws IOException {
    List<String> lines = new ArrayList<>(Collections.nCopies(IgnoreRules.MAX_PATTERNS + 1, "*.x"));
    Path file = Files.write(dir.resolve(".fsignore"), lines);
    assertThatThrownBy(() -> IgnoreRules.read(file)).isInstanceOf(IOException.class).hasMessageContaining("at most");
  }
}
