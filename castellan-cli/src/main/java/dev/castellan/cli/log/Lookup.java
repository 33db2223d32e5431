package dev.castellan.cli.log;

import dev.castellan.log.LogReader;
import java.io.IOException;

/** Resolves an INDEX|CID argument. */
final class Lookup {
  private Lookup() {}

  static long index(LogReader log, String id) throws IOException {
    if (!id.isEmpty() && id.chars().allMatch(Character::isDigit) && id.length() <= 18) {
      long index = Long.parseLong(id);
      if (index >= log.size()) {
        throw new IllegalArgumentException("no record " + index + " (the log has " + log.size() + ")");
      }
      return index;
    }
    return log.indexOf(id).orElseThrow(() -> new IllegalArgumentException("no record with that CID in the log"));
  }
}
