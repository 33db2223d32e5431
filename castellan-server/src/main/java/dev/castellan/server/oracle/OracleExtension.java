package dev.castellan.server.oracle;

import dev.castellan.server.http.Route;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * A feature served beside the oracle's own endpoints on the same port, signed by the same
 * per-boot attestation key: the remote-attestation web API under {@code /ra/}, the attesting
 * reverse proxy's upstream. The oracle asks each extension for its routes once, after the boot
 * sequence, and closes it when the oracle closes (before the log closes).
 */
public interface OracleExtension extends AutoCloseable {
  /**
   * The routes this extension serves. A route whose method and path the oracle already serves
   * is a configuration error and fails the boot.
   */
  List<Route> routes(OracleContext context) throws IOException, GeneralSecurityException;

  /** Stops whatever the extension started; the default has nothing to stop. */
  @Override
  default void close() throws IOException {}
}
