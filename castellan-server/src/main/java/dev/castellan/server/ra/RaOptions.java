package dev.castellan.server.ra;

import dev.castellan.core.vrf.EcvrfSuite;
import dev.castellan.runtime.monitor.FileHashStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How the RA web API runs ({@code castellan up --ra-root DIR --ra-store … --ra-vrf-suite …
 * --ra-max-files N}); immutable, with the seed's defaults.
 *
 * @param root the directory whose files may be hashed and attested; nothing outside it is read
 * @param natsUrl empty: the embedded store in the data directory; else the NATS server whose KV
 *     buckets {@code fs_hashes} and {@code fs_att_docs} hold the state
 * @param suite the VRF suite of new proofs (default ECVRF-P256-SHA256-TAI, the seed's
 *     {@code SECP256R1_SHA256_TAI})
 * @param maxFiles most regular files one {@code POST /ra/generate} may cover (default {@value
 *     #DEFAULT_MAX_FILES}, at most the store's {@value FileHashStore#MAX_ENTRIES})
 * @param threads workers hashing in parallel (default: the processors, at most {@value
 *     #MAX_THREADS})
 */
public record RaOptions(Path root, Optional<String> natsUrl, EcvrfSuite suite, int maxFiles, int threads) {
  public static final int DEFAULT_MAX_FILES = 10_000;
  public static final int MAX_THREADS = 8;

  public RaOptions {
    if (maxFiles < 1 || maxFiles > FileHashStore.MAX_ENTRIES) {
      throw new IllegalArgumentException("--ra-max-files must be 1 to " + FileHashStore.MAX_ENTRIES + ", got " + maxFiles);
    }
    if (threads < 1 || threads > MAX_THREADS) {
      throw new IllegalArgumentException("RA threads must be 1 to " + MAX_THREADS + ", got " + threads);
    }
  }

  /** The defaults for {@code root}: embedded store, the seed's suite, {@value #DEFAULT_MAX_FILES} files. */
  public static RaOptions of(Path root) {
    int threads = Math.clamp(Runtime.getRuntime().availableProcessors(), 1, MAX_THREADS);
    return new RaOptions(root, Optional.empty(), VrfSuites.parse(VrfSuites.DEFAULT), DEFAULT_MAX_FILES, threads);
  }

  /**
   * {@code embedded} or {@code nats://HOST:PORT}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public RaOptions withStore(String store) {
    String value = store.strip();
    if (value.equals("embedded")) {
      return new RaOptions(root, Optional.empty(), suite, maxFiles, threads);
    }
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || !"nats".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))
        || uri.getHost() == null || uri.getUserInfo() != null) {
      throw new IllegalArgumentException("--ra-store must be 'embedded' or nats://HOST:PORT");
    }
    return new RaOptions(root, Optional.of(value), suite, maxFiles, threads);
  }

  /** The suite named {@code name} (see {@link VrfSuites#parse}). */
  public RaOptions withSuite(String name) {
    return new RaOptions(root, natsUrl, VrfSuites.parse(name), maxFiles, threads);
  }

  public RaOptions withMaxFiles(int max) {
    return new RaOptions(root, natsUrl, suite, max, threads);
  }

  public RaOptions withThreads(int n) {
    return new RaOptions(root, natsUrl, suite, maxFiles, n);
  }
}
