package dev.castellan.cli.log;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the log subcommands. */
final class DataOptions {
  @Option(names = "--data", paramLabel = "DIR", defaultValue = "castellan-data",
      description = "Data directory of the log (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  /** The data directory, which must already hold a log (for read-only commands). */
  Path existing() {
    if (!Files.isDirectory(data.resolve("log"))) {
      throw new IllegalArgumentException("no log in " + data + " (append a record first, or pass --data DIR)");
    }
    return data;
  }
}
