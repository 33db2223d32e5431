package dev.castellan.cli.log;

import dev.castellan.cli.CliException;
import dev.castellan.cli.DataDirectory;
import dev.castellan.cli.ErrorKind;
import dev.castellan.cli.FileException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Options shared by the log subcommands: where the log is, either a local data directory
 * ({@code --data DIR}) or a running server ({@code --url URL}), never both.
 */
final class DataOptions {
  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Location location;

  /** The two places a log can be; picocli rejects both together as a usage error. */
  static final class Location {
    @Option(names = "--data", paramLabel = "DIR", description = "Data directory of the log (default: $CASTELLAN_DATA, else ./castellan-data).")
    Path data;

    @Option(names = "--url", paramLabel = "URL",
        description = "Base URL of a running Castellan server (http://HOST:PORT or https://HOST:PORT).")
    URI url;
  }

  @Option(names = "--insecure-tls",
      description = "With an https --url: accept any certificate (the oracle's is self-signed; trust comes from attestation).")
  boolean insecureTls;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  /** The data directory: {@code --data}, else {@code $CASTELLAN_DATA}, else {@code ./castellan-data}. */
  Path data() {
    if (insecureTls) {
      throw new IllegalArgumentException("--insecure-tls applies to --url only");
    }
    return DataDirectory.resolve(location == null ? null : location.data);
  }

  /** The data directory whose {@code keys/} hold the record signing keys, also with {@code --url}. */
  Path keyHome() {
    return DataDirectory.resolve(location == null ? null : location.data);
  }

  boolean isRemote() {
    return location != null && location.url != null;
  }

  /** A client for the server named by {@code --url}. */
  RemoteLog remote() throws GeneralSecurityException {
    return RemoteLog.connect(location.url, insecureTls);
  }

  /** The data directory, which must already hold a log (for read-only commands). */
  Path existing() throws CliException, FileException {
    if (isRemote()) {
      throw new IllegalArgumentException("--url does not apply here: this command works on a data directory only (--data DIR)");
    }
    Path data = data();
    if (!Files.isDirectory(data)) {
      throw new FileException("data directory " + data + ": does not exist"
          + " (append a record first, or pass --data DIR)");
    }
    if (!Files.isDirectory(data.resolve("log"))) {
      throw new CliException(ErrorKind.OPERATION, "no log in " + data + " (append a record first, or pass --data DIR)");
    }
    return data;
  }
}
