package dev.castellan.cli.tokens;

import dev.castellan.cli.CliException;
import dev.castellan.cli.ErrorKind;
import dev.castellan.transport.TlsCredentials;
import dev.castellan.transport.TlsPemFiles;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** This side's TLS identity for {@code --tcp}: PEM files as {@code openssl} writes them. */
public final class TlsOptions {
  @Option(names = "--tls-cert", paramLabel = "FILE", description = "With --tcp: this side's certificate (PEM; chain leaf first).")
  Path certificate;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "With --tcp: this side's private key (PEM, unencrypted PKCS#8).")
  Path key;

  public boolean given() {
    return certificate != null || key != null;
  }

  /** The credentials; both files are required. */
  public TlsCredentials credentials() throws CliException {
    if (certificate == null || key == null) {
      throw new CliException(ErrorKind.USAGE, "--tcp needs --tls-cert FILE and --tls-key FILE (mutual TLS)");
    }
    try {
      return TlsPemFiles.read(key, certificate);
    } catch (IOException e) {
      throw new CliException(ErrorKind.FILE, e.getMessage());
    }
  }
}
