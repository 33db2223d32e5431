package dev.castellan.runtime.init;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Jazzer fuzz test of the unit-file parser (the seed's TOML subset): any text MUST parse to a
 * unit or be refused with a {@link UnitFileException} naming the file; never another exception,
 * an error or a hang. A refusal's line number lies within the text. In a normal build Jazzer
 * runs in regression mode; {@code .ci/run} fuzzes it for a bounded time.
 */
class UnitFileFuzzTest {
  private static final Path FILE = Path.of("units", "fuzz.service");

  @FuzzTest(maxDuration = "30s")
  void unitParser(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      Unit unit = UnitFiles.parse(FILE, text);
      if (unit == null) {
        throw new AssertionError("parse returned null");
      }
    } catch (UnitFileException refused) {
      long lines = text.lines().count();
      if (refused.line() < 0 || refused.line() > lines + 1) {
        throw new AssertionError("refusal names line " + refused.line() + " of a " + lines + "-line text");
      }
    }
  }
}
