package dev.castellan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Next steps the CLI prints can be pasted into any shell, in any directory. */
class LauncherTest {
  @TempDir Path temp;

  @AfterEach
  void clear() {
    System.clearProperty(Launcher.PROPERTY);
  }

  @Test
  void command_withoutTheScriptsProperty_isPlainCastellan() {
    System.clearProperty(Launcher.PROPERTY);
    assertThat(Launcher.command()).isEqualTo("castellan");
  }

  @Test
  void command_fromTheScript_isItsAbsolutePath() throws Exception {
    Path script = Files.writeString(temp.resolve("castellan"), "#!/bin/sh\n");
    System.setProperty(Launcher.PROPERTY, script.toString());
    assertThat(Launcher.command()).isEqualTo(script.toAbsolutePath().normalize().toString()).startsWith("/");
  }

  @Test
  void path_isAbsoluteAndQuotedWhenItMustBe() {
    assertThat(Launcher.path(Path.of("castellan-data"))).isEqualTo(Path.of("castellan-data").toAbsolutePath().toString());
    assertThat(Launcher.shellWord("/tmp/my data/it's")).isEqualTo("'/tmp/my data/it'\\''s'");
    assertThat(Launcher.shellWord("/tmp/plain-path_1.pem")).isEqualTo("/tmp/plain-path_1.pem");
  }
}
